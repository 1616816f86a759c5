// The channel notices leave by: a port of the core (Deps carries one), implemented by the notices
// module (outboxSender) or an SMS contract. Here so the core's context needs no module.
export interface NoticeSender {
  readonly name: string;
  /** The outbox row is itself the delivery (the built-in sender): notices are recorded as sent. */
  readonly deliversInOutbox?: boolean;
  /** Delivers one notice; throws when the channel refuses it (the notice is marked failed). */
  send(notice: { channel: 'sms' | 'wechat'; to: string; body: string }): Promise<void>;
}
