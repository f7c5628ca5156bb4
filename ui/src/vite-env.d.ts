/// <reference types="vite/client" />

/** True only in `FIELDBOOK_PREVIEW=1` builds (sample data for screenshots, no Rust core). */
declare const __PREVIEW_MOCKS__: boolean;
