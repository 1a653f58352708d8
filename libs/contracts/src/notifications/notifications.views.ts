export interface NotificationView {
  id: string;
  kind: string;
  /** Title and body in the recipient's language. */
  title: string;
  body: string;
  /** Where the web app links to, e.g. `/organisations/<id>`. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}
