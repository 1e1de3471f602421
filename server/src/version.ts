/** The event server's release, as in the root package.json (told to softphones in `server:hello`). */
export const SERVER_VERSION = '0.1.0';
