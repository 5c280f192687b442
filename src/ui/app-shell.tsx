/** Placeholder shell; to be replaced by the real console layout. */
export function AppShell() {
  return (
    <>
      <header className="app-header">
        <h1>Failover Lab</h1>
      </header>
      <main className="app-main">
        <p>An in-browser teaching console for how a replicated database survives failure.</p>
      </main>
    </>
  );
}
