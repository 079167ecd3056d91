import { formatJsonText, minifyJsonText, readableEscapes } from '../src/domain/json-layout';
const t = '{ "a" : [ 1.0 , -0, 1e400 ], "s":"\\u00c9mile \\\\u00e9 \\ud83d\\ude00 \\u200e \\u0041 \\ud800 \\n", "b": {} }';
console.log(formatJsonText(t)); console.log(minifyJsonText(t)); console.log(readableEscapes(t));
console.log(JSON.parse(readableEscapes(t)).s === JSON.parse(t).s);
