import { MessagePage } from "@/app/_components/ui/message-page";

export default function NotFound() {
  return <MessagePage title="Not found (404)">There is no such record in your clinic, or the address is wrong.</MessagePage>;
}
