// An HTTP answer of the local venue, independent of the transport (HTTP or a WebSocket post).

/** 200 with a JSON body; 422 with the venue's plain text for a body it cannot decode. */
export type Reply = { readonly status: 200; readonly json: unknown } | { readonly status: 422 | 400 | 404 | 500; readonly text: string };

export const ok = (json: unknown): Reply => ({ status: 200, json });

export const undecodable = (detail?: string): Reply => ({ status: 422, text: detail ?? 'Failed to deserialize the JSON body into the target type' });

/** Request-level refusal of /exchange: HTTP 200 with status "err". */
export const refused = (message: string): Reply => ({ status: 200, json: { status: 'err', response: message } });
