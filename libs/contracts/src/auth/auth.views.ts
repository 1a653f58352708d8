/** The gateway's answer to `POST /auth/login` and `POST /auth/refresh`. */
export interface TokenPairView {
  /** A short-lived JWT; send it as `Authorization: Bearer <accessToken>`. */
  accessToken: string;
  /** Opaque, good once: `POST /auth/refresh` with it returns a new pair. */
  refreshToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
}
