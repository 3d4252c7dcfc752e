import { MessagePage } from "@/app/_components/ui/message-page";

export default function Forbidden() {
  return (
    <MessagePage title="Access denied (403)" icon="icon-shield-x">
      Your role does not allow this page. Ask an administrator of your clinic if you need access.
    </MessagePage>
  );
}
