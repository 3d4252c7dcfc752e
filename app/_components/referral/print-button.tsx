"use client";

import { Printer } from "lucide-react";
import { Button } from "@/app/_components/ui/button";

export function PrintButton() {
  return (
    <Button onClick={() => window.print()}>
      <Printer aria-hidden="true" className="h-4 w-4" /> Print
    </Button>
  );
}
