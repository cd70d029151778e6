import { ServerStatus } from './server-status';

/** The standalone app's shell. */
export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Mailbox</h1>
      </header>
      <main className="app-main" />
      <footer className="app-footer">
        <ServerStatus />
      </footer>
    </div>
  );
}
