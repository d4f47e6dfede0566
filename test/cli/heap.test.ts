/** The command line tells V8 to grow its heap in small steps, unless the user chose a growth of their own. */
import v8 from 'node:v8';
import { configureHeap, HEAP_GROWING_PERCENT } from '../../src/cli/heap';

afterEach(() => jest.restoreAllMocks());

test('sets the growth when the user set none', () => {
  const set = jest.spyOn(v8, 'setFlagsFromString').mockImplementation(() => undefined);
  expect(configureHeap([], '')).toBe(true);
  expect(set).toHaveBeenCalledWith(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
});

test.each([
  [['--heap-growing-percent=200'], ''],
  [[], '--max-old-space-size=4096 --heap_growing_percent=20'],
])('leaves a growth the user chose alone (%j, %j)', (argv, options) => {
  const set = jest.spyOn(v8, 'setFlagsFromString').mockImplementation(() => undefined);
  expect(configureHeap(argv, options)).toBe(false);
  expect(set).not.toHaveBeenCalled();
});
