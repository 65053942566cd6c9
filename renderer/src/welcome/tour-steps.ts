// The tour's stops: Run, Debug, Packets and Notebook, each pointing at the real control; features add theirs here.
import type { TourStep } from './guided-tour';

/** What the steps need from the workbench: open a side view or a panel, and find a part by selector. */
export interface TourSurface {
  showSideView(id: string): void;
  showPanel(id: string): void;
  find(selector: string): HTMLElement | null;
}

export function tourSteps(surface: TourSurface): TourStep[] {
  return [
    {
      title: 'Run',
      prepare: () => surface.showSideView('debug'),
      target: () => surface.find('.run-view .run-button'),
      body: () =>
        'Pick a run configuration beside this button and press Run (Ctrl+F5): Mirador boots the image on its target — QEMU, Solo5 hvt or spt, Xen or unix — and streams the serial console to the Console panel. Configurations live in .mirador/launch.json.',
    },
    {
      title: 'Debug',
      prepare: () => surface.showSideView('debug'),
      target: () => surface.find('.run-view .debug-start-button'),
      body: () =>
        'Start Debugging (F5) boots the same configuration under gdb. Click the gutter of a source file to set a breakpoint, step with F10 and F11, and read variables, registers and memory. "stopOnEntry": true stops at the very first instruction.',
    },
    {
      title: 'Packets',
      prepare: () => surface.showPanel('packets'),
      target: () => surface.find('#tab-packets'),
      body: () =>
        'A run with "capture": true records the guest\'s frames. The Packets panel lists them as they arrive, with Wireshark-style filters such as dns or tcp.port == 80, a detail tree and the bytes of the selected frame; .pcap and .pcapng files open there too.',
    },
    {
      title: 'Notebook',
      target: () => surface.find('.activity-bar [aria-label="Notebooks"]'),
      body: () =>
        'Notebooks run OCaml and Lwt cell by cell in a real OCaml toplevel — a quick way to try a library before it goes into a unikernel. "Open the Tutorial Notebook" on the welcome page starts one; `mirador notebook run` runs it in CI.',
    },
  ];
}
