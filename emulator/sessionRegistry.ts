/** Portal sessions, kept in memory only (Stripe's are short-lived and cannot be listed or retrieved). */
import type { JsonObject } from "./jsonValue";
import type { Scope } from "./store";

export interface SessionRecord {
  session: JsonObject;
  scope: Scope;
}

export class SessionRegistry {
  private readonly byToken = new Map<string, SessionRecord>();

  add(token: string, record: SessionRecord): void {
    this.byToken.set(token, record);
  }

  find(token: string): SessionRecord | undefined {
    return this.byToken.get(token);
  }
}
