/** The panel's version, shown in diagnostics and in the operation log (kept equal to package.json by a test). */
export const PANEL_VERSION = '0.1.0';
