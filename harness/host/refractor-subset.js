// @atlaskit/code loads `refractor` (every Prism grammar, ~300 KB) with a dynamic import that an IIFE bundle would
// inline. The host build points `refractor` here instead: the core plus the languages an app is likely to show.
'use strict';

const refractor = require('refractor/core');

refractor.register(require('refractor/lang/clike'));
refractor.register(require('refractor/lang/markup'));
refractor.register(require('refractor/lang/css'));
refractor.register(require('refractor/lang/javascript'));
refractor.register(require('refractor/lang/typescript'));
refractor.register(require('refractor/lang/jsx'));
refractor.register(require('refractor/lang/tsx'));
refractor.register(require('refractor/lang/json'));
refractor.register(require('refractor/lang/bash'));
refractor.register(require('refractor/lang/yaml'));
refractor.register(require('refractor/lang/sql'));
refractor.register(require('refractor/lang/python'));
refractor.register(require('refractor/lang/java'));
refractor.register(require('refractor/lang/diff'));

module.exports = refractor;
