// Unit tests of the Unikernel view's logic: key values to args and back, value checks, the configuration for a new image.
import { describe, expect, it } from 'vitest';
import type { UnikernelDescription, UnikernelKey } from '../../../main/api';
import { argumentsWithKeys, keyValueProblem, valuesFromArguments } from '../../../renderer/src/unikernel/key-arguments';
import { freeConfigurationName, hasConfigurationFor, runConfigurationForImage } from '../../../renderer/src/unikernel/image-run-configuration';

const key = (name: string, extra: Partial<UnikernelKey> = {}): UnikernelKey => ({ name, stage: 'runtime', kind: 'value', origin: 'test', ...extra });
const KEYS = [key('ipv4', { valueType: 'ipv4 prefix' }), key('ipv4-gateway', { valueType: 'ipv4 address' }), key('ipv4-only', { valueType: 'bool' }), key('verbose', { kind: 'flag' })];

describe('key values and args', () => {
  it('reads --key=value, --key value and bare flags, ignoring other arguments', () => {
    expect(valuesFromArguments(KEYS, ['--ipv4=10.0.0.2/24', '-l', '*:debug', '--ipv4-gateway', '10.0.0.1', '--verbose', '--other=1'])).toEqual({
      ipv4: '10.0.0.2/24',
      'ipv4-gateway': '10.0.0.1',
      verbose: 'true',
    });
  });

  it('replaces the keys it manages, keeps the rest in order, and drops cleared keys', () => {
    const previous = ['-l', '*:debug', '--ipv4', '10.0.0.2/24', '--hello=hi', '--verbose'];
    expect(argumentsWithKeys(KEYS, { ipv4: '10.0.0.7/24', 'ipv4-gateway': '', 'ipv4-only': 'true', verbose: '' }, previous)).toEqual([
      '-l', '*:debug', '--hello=hi', '--ipv4=10.0.0.7/24', '--ipv4-only=true',
    ]);
    expect(argumentsWithKeys(KEYS, { verbose: 'true' }, [])).toEqual(['--verbose']);
  });

  it('round-trips', () => {
    const args = argumentsWithKeys(KEYS, { ipv4: '10.0.0.2/24', 'ipv4-gateway': '10.0.0.1' });
    expect(valuesFromArguments(KEYS, args)).toEqual({ ipv4: '10.0.0.2/24', 'ipv4-gateway': '10.0.0.1' });
  });

  it('checks the value types MirageOS parses strictly', () => {
    expect(keyValueProblem(KEYS[0]!, '10.0.0.2/24')).toBeNull();
    expect(keyValueProblem(KEYS[0]!, '')).toBeNull();
    expect(keyValueProblem(KEYS[0]!, '10.0.0.2')).toMatch(/prefix length/);
    expect(keyValueProblem(KEYS[0]!, '10.0.0.300/24')).toMatch(/prefix length/);
    expect(keyValueProblem(KEYS[1]!, '10.0.0.1')).toBeNull();
    expect(keyValueProblem(KEYS[1]!, 'gateway')).toMatch(/IPv4 address/);
    expect(keyValueProblem(KEYS[2]!, 'yes')).toMatch(/true or false/);
    expect(keyValueProblem(key('port', { valueType: 'int' }), '80x')).toMatch(/whole number/);
  });
});

const STACK: UnikernelDescription = {
  source: 'config.ml', notice: '', name: 'echo', main: 'Unikernel.Echo', packages: [], keys: [], problems: [],
  devices: [{ name: 'stack', detail: 'generic_stackv4v6 default_network', type: 'stackv4v6' }],
};

describe('the run configuration offered for a built image', () => {
  it('boots an hvt image of a stack unikernel on tap100 with the network keys, built first', () => {
    expect(runConfigurationForImage('dist/echo.hvt', 'hvt', STACK, [])).toEqual({
      name: 'echo (hvt)', type: 'mirador', request: 'launch', preLaunchTask: 'mirador: build', target: 'hvt', kernel: 'dist/echo.hvt', memory: 64,
      network: { mode: 'tap', tap: 'tap100', name: 'service' }, args: ['--ipv4=10.0.0.2/24', '--ipv4-gateway=10.0.0.1'],
    });
  });

  it('uses QEMU user networking for virtio, and nothing network-related without a stack', () => {
    expect(runConfigurationForImage('dist/echo.virtio', 'virtio', STACK, [])).toMatchObject({ accel: 'auto', network: { mode: 'user' }, args: ['--ipv4=10.0.2.15/24', '--ipv4-gateway=10.0.2.2'] });
    const hello = runConfigurationForImage('dist/hello', 'unix', { ...STACK, name: 'hello', devices: [] }, []);
    expect(hello).toEqual({ name: 'hello (unix)', type: 'mirador', request: 'launch', preLaunchTask: 'mirador: build', target: 'unix', kernel: 'dist/hello' });
  });

  it('never takes the name of an existing configuration, and knows when one already boots the image', () => {
    expect(freeConfigurationName('echo (hvt)', ['echo (hvt)', 'echo (hvt) 2'])).toBe('echo (hvt) 3');
    expect(runConfigurationForImage('dist/echo.hvt', 'hvt', STACK, ['echo (hvt)']).name).toBe('echo (hvt) 2');
    expect(hasConfigurationFor([{ target: 'hvt', kernel: 'dist/echo.hvt' }], 'dist/echo.hvt', 'hvt')).toBe(true);
    expect(hasConfigurationFor([{ target: 'spt', kernel: 'dist/echo.hvt' }], 'dist/echo.hvt', 'hvt')).toBe(false);
  });
});
