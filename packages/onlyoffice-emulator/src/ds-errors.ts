// The errors the editor shows and raises as onError, with DS's wording (web-apps en strings) and
// codes from sdkjs's c_oAscError.ID. Emulator-only cases say so in their text.
// spec: onlyoffice 3 (token messages), onlyoffice 2 (dead keys), onlyoffice 1 (onError).

export interface DsError {
  errorCode: number;
  errorDescription: string;
}

const ADMIN = " Please contact your Document Server administrator.";

export const DS_ERRORS = {
  tokenMalformed: { errorCode: -20, errorDescription: "The document security token is not correctly formed." + ADMIN },
  tokenExpired: { errorCode: -21, errorDescription: "The document security token has expired." + ADMIN },
  accessDeny: {
    errorCode: -23,
    errorDescription: "You are trying to perform an action you do not have rights for." + ADMIN,
  },
  downloadFailed: { errorCode: -4, errorDescription: "Download failed." },
  updateVersion: {
    errorCode: -83,
    errorDescription: "The file version has been changed. The page will be reloaded.",
  },
} as const satisfies Record<string, DsError>;

/** An error the real DS would not report this way (it would hang or misbehave); the emulator refuses loudly instead. */
export function emulatorError(description: string): DsError {
  return { errorCode: -1, errorDescription: `[ONLYOFFICE emulator] ${description}` };
}
