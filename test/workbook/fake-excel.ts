/** The fake Excel host lives in src/demo-host (the demo page uses it too). */
export * from '../../src/demo-host/fake-excel';
