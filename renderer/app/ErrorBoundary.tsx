// Catches rendering failures so one broken view never blanks the window; shows typed errors in plain words
// and never a stack trace.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { AirlockError } from '../../shared/errors/airlock-error';
import { ErrorPanel } from '../components/ErrorPanel';

interface State {
  readonly error: AirlockError | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(thrown: unknown): State {
    return { error: thrown instanceof AirlockError ? thrown : new AirlockError('E_INTERNAL') };
  }

  override componentDidCatch(_thrown: unknown, _info: ErrorInfo): void {
    // Deliberately not logged from the renderer (createRoot's error callbacks are silenced too): main owns
    // logging, and the error may quote user data.
  }

  override componentDidUpdate(previous: { resetKey?: string }): void {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return <ErrorPanel error={this.state.error.toShape()} onRetry={() => this.setState({ error: null })} />;
  }
}
