// The endpoint form's input, shared by the portal's actions and the use cases' tests.
import { z } from "zod";
import { ZWebhookEventType } from "./events";
import { zDisplayText } from "../text/display-text";

export const MAX_ENDPOINTS_PER_WORKSPACE = 20;

export const ZWebhookUrl = z.string().trim().min(1, "Enter the URL that should receive the events").max(2000, "Keep the URL under 2,000 characters");

export const ZEndpointInput = z.object({
  url: ZWebhookUrl,
  description: zDisplayText("description", 200, { required: false }).optional(),
  eventTypes: z.array(ZWebhookEventType).min(1, "Choose at least one event").max(20),
  finalStateOnly: z.boolean().default(false),
});
export type TEndpointInput = z.input<typeof ZEndpointInput>;

export const ZEndpointUpdate = ZEndpointInput.partial().extend({ enabled: z.boolean().optional() });
export type TEndpointUpdate = z.input<typeof ZEndpointUpdate>;

export const ZEndpointId = z.string().min(1).max(64);
