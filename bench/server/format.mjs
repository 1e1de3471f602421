// Output helpers of `npm run bench:server`: progress lines on stderr, numbers and milliseconds
// formatted for the table.

export const progress = (message) => process.stderr.write(`${message}\n`);
export const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–');
export const ms = (n) => (!Number.isFinite(n) ? '–' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0));
