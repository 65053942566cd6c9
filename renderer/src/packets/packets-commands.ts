// The Packets panel's commands: open a capture file, export, go to a packet, follow a stream, focus the filter, toggle
// live autoscroll.
import type { CommandRegistry } from '../workbench/command-registry';
import type { PacketsFeature } from './packets-feature';

export function registerPacketsCommands(commands: CommandRegistry, packets: PacketsFeature, showPanel: (id: string) => void): void {
  const hasCapture = () => packets.view.current !== undefined;
  commands.register({ id: 'mirador.packets.openCaptureFile', title: 'Open Capture File…', category: 'Packets', run: () => packets.pickAndOpen() });
  commands.register({ id: 'mirador.packets.show', title: 'Focus on Packets View', category: 'View', run: () => showPanel('packets') });
  commands.register({ id: 'mirador.packets.exportCapture', title: 'Export Capture…', category: 'Packets', enabled: hasCapture, run: () => packets.view.exportCapture() });
  commands.register({
    id: 'mirador.packets.goToPacket',
    title: 'Go to Packet… (Ctrl+G in the Packets panel)',
    category: 'Packets',
    enabled: hasCapture,
    run: () => {
      showPanel('packets');
      return packets.view.goToPacket();
    },
  });
  commands.register({
    id: 'mirador.packets.conversations',
    title: 'Statistics: Conversations…',
    category: 'Packets',
    enabled: hasCapture,
    run: () => {
      showPanel('packets');
      return packets.view.showConversations();
    },
  });
  commands.register({ id: 'mirador.packets.followStream', title: 'Follow TCP/UDP Stream', category: 'Packets', enabled: hasCapture, run: () => packets.view.followStream() });
  commands.register({
    id: 'mirador.packets.focusFilter',
    title: 'Apply a Display Filter…',
    category: 'Packets',
    enabled: hasCapture,
    run: () => {
      showPanel('packets');
      packets.view.focusFilter();
    },
  });
  commands.register({ id: 'mirador.packets.toggleAutoScroll', title: 'Toggle Auto Scroll in Live Capture', category: 'Packets', enabled: hasCapture, run: () => packets.view.toggleAutoScroll() });
  commands.register({ id: 'mirador.packets.closeCapture', title: 'Close Capture', category: 'Packets', enabled: hasCapture, run: () => packets.view.close() });
}
