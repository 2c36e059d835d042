#!/usr/bin/env node
console.log("schema-engine-cli 0.0.0");
