// A rollup plugin that shrinks the whitespace of Lit's tagged templates (css``, html``, svg``)
// before terser sees them. Conservative on purpose: it changes nothing but whitespace and CSS
// comments, never touches quoted strings (CSS strings, HTML attribute values), leaves a template
// part alone when it cannot tell strings apart (an unbalanced quote, e.g. a string around a
// `${…}`), and checks every rewritten part: the non-whitespace characters must be the same as
// before (comments aside), or the build fails.
//
// css``: comments dropped, whitespace runs → one space, none around `{ } ; ,` or after `:`,
//        no `;` before `}`. Spaces before `:` and around `> + ~` stay (selectors, calc()).
// html`` / svg``: whitespace runs → one space (what the browser renders for them anyway outside
//        `pre`-like white-space; parts holding <pre> or <textarea> are left alone).

const TAGS = new Set(['css', 'html', 'svg']);
/** Strings and (CSS) comments, found left to right so a quote inside a comment is no string. */
const CSS_TOKENS = /\/\*[\s\S]*?\*\/|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g;
const HTML_TOKENS = /'[^']*'|"[^"]*"/g;

/**
 * Minifies one template part (the raw text between backticks / `${…}`). `first` / `last`: whether
 * the part starts / ends the template (else it touches an expression, where one space may matter).
 * Returns the part unchanged when it cannot be minified safely.
 */
export function minifyPart(kind, raw, first, last) {
  const css = kind === 'css';
  if (!css && /<(pre|textarea)\b/i.test(raw)) return raw;
  // Code with every string replaced by a placeholder (NUL cannot occur in our templates), comments dropped.
  if (raw.includes('\u0000')) return raw;
  const strings = [];
  const code = raw.replace(css ? CSS_TOKENS : HTML_TOKENS, (t) => {
    if (t.startsWith('/*')) return ' ';
    strings.push(t);
    return '\u0000';
  });
  // An unbalanced quote or comment: strings cannot be told apart, so leave the part as it is.
  if (/['"]|\/\*/.test(code)) return raw;

  let out = code.replace(/\s+/g, ' ');
  if (css)
    out = out
      .replace(/ ?([{};,]) ?/g, '$1')
      .replace(/: /g, ':')
      .replace(/;}/g, '}');
  if (first) out = out.replace(/^ /, '');
  if (last) out = out.replace(/ $/, '');
  let n = 0;
  out = out.replace(/\u0000/g, () => strings[n++]);

  const strip = (s) =>
    css
      ? s
          .replace(CSS_TOKENS, (t) => (t.startsWith('/*') ? '' : t))
          .replace(/\s+/g, '')
          .replaceAll(';}', '}')
      : s.replace(/\s+/g, '');
  if (strip(out) !== strip(raw)) throw new Error(`minify-templates: would change ${kind}\`${raw.slice(0, 60)}…\``);
  return out;
}

/** Tagged templates in a module's AST whose tag is a plain css / html / svg identifier. */
function taggedTemplates(ast) {
  const found = [];
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && TAGS.has(node.tag.name)) {
      found.push({ kind: node.tag.name, quasis: node.quasi.quasis });
    }
    for (const key of Object.keys(node)) {
      const value = node[key];
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object' && typeof value.type === 'string') visit(value);
    }
  };
  visit(ast);
  return found;
}

/** The rollup plugin: runs on the panel's own modules (after TypeScript), not on node_modules. */
export function minifyTemplates({ include = /\/web-components\/src\/.*\.ts$/ } = {}) {
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!include.test(id.replaceAll('\\', '/')) || !/\b(css|html|svg)\s*`/.test(code)) return null;
      const edits = [];
      for (const { kind, quasis } of taggedTemplates(this.parse(code))) {
        quasis.forEach((q, i) => {
          const raw = code.slice(q.start, q.end);
          if (raw !== q.value.raw) throw new Error(`minify-templates: unexpected template positions in ${id}`);
          const min = minifyPart(kind, raw, i === 0, i === quasis.length - 1);
          if (min !== raw) edits.push({ start: q.start, end: q.end, text: min });
        });
      }
      if (edits.length === 0) return null;
      edits.sort((a, b) => b.start - a.start);
      let out = code;
      for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
      return { code: out, map: null };
    },
  };
}
