// Renders DuckDB values the way ballista-slt renders the engine's (see session/slt_runner.h):
// NULL, (empty), true/false, floating and decimal values to 12 significant digits without
// trailing zeros (C's %.12g), timestamps as 'YYYY-MM-DD HH:MM:SS'. Shared by duckdb_complete.mjs
// and tpch_duckdb.mjs so the two cannot drift apart.

export function g12(x) {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(Number(x.toPrecision(12)))));
  if (exponent < -4 || exponent >= 12) {
    let [mantissa, exp] = x.toExponential(11).split('e');
    if (mantissa.includes('.')) mantissa = mantissa.replace(/0+$/, '').replace(/\.$/, '');
    const sign = exp[0] === '-' ? '-' : '+';
    let digits = exp.replace(/^[+-]/, '');
    if (digits.length < 2) digits = '0' + digits;
    return mantissa + 'e' + sign + digits;
  }
  let s = x.toFixed(Math.max(0, 11 - exponent));
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

/// `typeName`: DuckDB's column type; `letter`: the record's type letter (R forces a number).
export function render(value, typeName, letter = '?') {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = String(value);
  const numeric = /^(DOUBLE|FLOAT|REAL|DECIMAL)/.test(typeName);
  if (letter === 'R' || numeric) {
    const n = Number(text);
    if (!Number.isNaN(n) || text === 'NaN') return g12(n);
  }
  if (/^TIMESTAMP/.test(typeName)) return text.replace('T', ' ').replace(/Z$/, '').replace(/\+00$/, '');
  if (text === '') return '(empty)';
  return text;
}
