import { format, applyEdits } from 'jsonc-parser';
const f = (t: string) => applyEdits(t, format(t, undefined, { tabSize: 2, insertSpaces: true, eol: '\n' }));
for (const t of ['{"a":[],"b":{},"c":[1,{"d":2}],"e":"x\\u00e9"}', '  12345678901234567890 ', '{\n\t"z" : [ 1 , 2 ] }', '[[[]]]']) {
  console.log(JSON.stringify(f(t)), f(t) === JSON.stringify(JSON.parse(t), null, 2));
}
const deep = '['.repeat(100) + ']'.repeat(100);
console.time('deep'); const r = f(deep); console.timeEnd('deep'); console.log(r.length);
const big = JSON.stringify(Array.from({length: 2000}, (_, i) => ({ id: i, name: 'n' + i })));
console.time('big'); f(big); console.timeEnd('big'); console.log(big.length);
