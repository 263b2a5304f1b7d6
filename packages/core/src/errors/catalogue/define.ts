export interface ErrorDefinition {
  status: number;
  retryable: boolean;
  en: string;
  zh: string;
  /** What the integrator or user should check. */
  hintEn: string;
  hintZh: string;
}

export function def(
  status: number,
  en: string,
  zh: string,
  hintEn: string,
  hintZh: string,
  retryable = false,
): ErrorDefinition {
  return { status, retryable, en, zh, hintEn, hintZh };
}
