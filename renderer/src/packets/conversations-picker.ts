// Statistics › Conversations as a pick list: every TCP and UDP conversation with its frames, bytes and time; picking
// one applies its filter (Wireshark's "Apply as Filter › Selected › A ↔ B" from its Conversations window).
import type { ConversationStatistics } from '../../../main/api';
import type { QuickInput, QuickPickItem } from '../workbench/quick-input';

/** 1234 → "1.2 kB", as Wireshark's tables write sizes. */
export function byteSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** Most bytes first, as one looks for the conversation that matters. */
export function conversationItems(conversations: readonly ConversationStatistics[]): QuickPickItem<string>[] {
  return [...conversations]
    .sort((a, b) => b.bytesAToB + b.bytesBToA - (a.bytesAToB + a.bytesBToA))
    .map((conversation) => {
      const frames = conversation.framesAToB + conversation.framesBToA;
      const bytes = conversation.bytesAToB + conversation.bytesBToA;
      const endpoint = (address: string, port: number) => (address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`);
      return {
        label: `${conversation.protocol.toUpperCase()} ${endpoint(conversation.addressA, conversation.portA)} ↔ ${endpoint(conversation.addressB, conversation.portB)}`,
        description: `${frames} frame${frames === 1 ? '' : 's'}, ${byteSize(bytes)}`,
        detail: `A→B ${conversation.framesAToB} (${byteSize(conversation.bytesAToB)}), B→A ${conversation.framesBToA} (${byteSize(conversation.bytesBToA)}); from ${conversation.start.toFixed(3)} s for ${conversation.duration.toFixed(3)} s`,
        value: conversation.filter,
      };
    });
}

/** Resolves with the picked conversation's filter, or undefined. */
export function pickConversation(quickInput: QuickInput, conversations: readonly ConversationStatistics[]): Promise<string | undefined> {
  return quickInput.pick(conversationItems(conversations), {
    title: `Conversations (${conversations.length} TCP and UDP)`,
    placeholder: 'Type an address or port; Enter filters on the conversation',
    keepOrder: true,
  });
}
