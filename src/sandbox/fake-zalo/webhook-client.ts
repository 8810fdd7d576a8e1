/** Header Zalo puts on every webhook POST: the `secret_token` given to setWebhook. */
export const SECRET_HEADER = "x-bot-api-secret-token";
