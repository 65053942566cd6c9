// Toasts in the corner: what happened and what to do next. Errors and offers stay until dismissed; plain info fades.
import { el, icon } from './element';

export type Severity = 'info' | 'warning' | 'error';

export interface NotificationAction {
  label: string;
  run(): void;
}

export class Notifications {
  private readonly container: HTMLElement;

  constructor(parent: HTMLElement) {
    this.container = el('div', { className: 'notifications', role: 'region', 'aria-label': 'Notifications' });
    parent.append(this.container);
  }

  show(severity: Severity, message: string, actions: NotificationAction[] = []): void {
    const toast = el(
      'div',
      { className: `notification notification-${severity}`, role: severity === 'error' ? 'alert' : 'status' },
      icon(severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'info'),
      el('span', { className: 'notification-message' }, message),
    );
    const close = () => toast.remove();
    for (const action of actions) {
      toast.append(el('button', { className: 'notification-action', onclick: () => (close(), action.run()) }, action.label));
    }
    toast.append(el('button', { className: 'icon-button', 'aria-label': 'Dismiss notification', onclick: close }, icon('close')));
    this.container.append(toast);
    // An offer (a notice with actions) waits for the user; a plain notice fades.
    if (severity === 'info' && actions.length === 0) setTimeout(close, 6000);
  }

  info(message: string, actions?: NotificationAction[]): void {
    this.show('info', message, actions);
  }

  warn(message: string, actions?: NotificationAction[]): void {
    this.show('warning', message, actions);
  }

  error(message: string, actions?: NotificationAction[]): void {
    this.show('error', message, actions);
  }
}
