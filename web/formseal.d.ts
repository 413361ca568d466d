// Type declarations for formseal.js: <formseal-form>, formseal.mount() and the widget's events.

/** One field's message, in the widget's language. */
export interface FormsealIssue {
  /** `field` or `group[row].field` (rows from 0). */
  path: string;
  /** The field as a person reads it: `代表第 2 行 · 手机`. */
  field: string;
  message: string;
}

/** The validity of the open form (`formseal:change` detail, `validate()` result). */
export interface FormsealValidity {
  form: string;
  valid: boolean;
  errors: FormsealIssue[];
  warnings: FormsealIssue[];
}

/** A draft as the widget's export file holds it (attachment bytes only in exported files). */
export interface FormsealDraft {
  format: 'formseal-draft';
  version: 1;
  form: { id: string; version: string };
  saved_at: string;
  step: string;
  answers: Record<string, unknown>;
  files?: Record<string, { name: string; type: string; size: number; data: string }>;
}

export interface FormsealOptions {
  /** A built-in form (`tc260-wg`, `group-std-coauthor`, `aii-member`); without it a start page lists the forms. */
  form?: string;
  /** `zh-CN` (default) or `en`. */
  lang?: string;
  /** Each form's call configuration, keyed by form id (object or JSON text). */
  config?: Record<string, unknown> | string;
  /** Keeps the drafts of several widgets apart. */
  draftKey?: string;
  /** Theme: custom properties, e.g. `{ 'color-primary': '#0b57d0', radius: '8px' }`. */
  theme?: Record<string, string>;
  /** Where “submit” POSTs the package (`application/zip`); without it nothing leaves the browser. */
  endpoint?: string;
  /**
   * A host's own form: its definition (see `forms/definition.schema.json`) as an object, its JSON
   * text, or the URL of the file. The widget then shows that form only; a definition that cannot
   * be used is named precisely (the place inside it) in the widget and in `formseal:error`.
   */
  definition?: Record<string, unknown> | string;
}

/** The handle of a mounted widget. */
export interface FormsealWidget {
  getData(): FormsealDraft;
  /** Replaces the answers; rejects with the reason, leaving them unchanged. */
  setData(draft: FormsealDraft | string): Promise<true>;
  /** Shows every message and returns the validity. */
  validate(): FormsealValidity;
  /** Deletes the draft and its attachments. */
  reset(): Promise<true>;
}

export interface FormsealReadyDetail { form: string; lang: string }
export interface FormsealPackageDetail {
  bytes: Uint8Array;
  fileName: string;
  manifestDigest: string;
  applicationDigest: string;
  keyFingerprint: string;
  algorithm: 'Ed25519' | 'ECDSA-P256-SHA256' | 'SM2-SM3';
  form: string;
}
export interface FormsealErrorDetail { code: string; message: string }
export interface FormsealSubmittedDetail { endpoint: string; status: number; fileName: string }

export function mount(element: HTMLElement, options?: FormsealOptions): Promise<FormsealWidget>;

export interface FormsealFormElement extends HTMLElement {
  getData(): Promise<FormsealDraft>;
  setData(draft: FormsealDraft | string): Promise<true>;
  validate(): Promise<FormsealValidity>;
  reset(): Promise<true>;
}

declare global {
  interface HTMLElementTagNameMap {
    'formseal-form': FormsealFormElement;
  }
  interface HTMLElementEventMap {
    'formseal:ready': CustomEvent<FormsealReadyDetail>;
    'formseal:change': CustomEvent<FormsealValidity>;
    'formseal:package-ready': CustomEvent<FormsealPackageDetail>;
    'formseal:submitted': CustomEvent<FormsealSubmittedDetail>;
    'formseal:error': CustomEvent<FormsealErrorDetail>;
  }
  // eslint-disable-next-line no-var
  var formseal: { mount: typeof mount };
}
