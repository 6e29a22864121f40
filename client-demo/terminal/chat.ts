import { createInterface } from 'node:readline/promises';
import { transcriptMessages, describeServers, type Transcript } from '../transcript.ts';
import { modelSetupText } from './help-text.ts';
import { historyPath, loadHistory, saveHistory } from './history-file.ts';
import { openSession, type Session, type SessionStart } from './session.ts';
import { runSlashCommand } from './slash-commands.ts';
import { askModel } from './turn.ts';

function printTranscript(session: Session): void {
  const transcript: Transcript = {
    command: 'chat',
    model: session.provider?.label ?? null,
    scripted: false,
    servers: describeServers(session.connection, (server) =>
      session.toolbox.entries
        .filter((entry) => entry.server.name === server)
        .map((entry) => entry.name),
    ),
    messages: transcriptMessages(session.conversation),
    errors: session.errors,
  };
  session.io.data.write(`${JSON.stringify(transcript, null, 2)}\n`);
}

/** Handles `-p QUESTION`. openSession has already rejected `-p` without a model. */
async function answerOnce(session: Session, question: string): Promise<number> {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  try {
    const end = await askModel(session, question, controller.signal);
    return end === 'answer' ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
  }
}

async function interactiveLoop(session: Session): Promise<void> {
  const { io } = session;
  const path = historyPath(session.env);
  const reader = createInterface({
    input: io.stdin,
    output: io.stderr,
    terminal: io.interactive,
    history: io.interactive ? await loadHistory(path) : [],
    historySize: 500,
  });
  session.useAsk((question, signal) => reader.question(question, { signal }));

  let current: AbortController | undefined;
  let warned = false;
  const interrupt = () => {
    if (current && !current.signal.aborted) {
      current.abort();
      return;
    }
    if (warned || !io.interactive) reader.close();
    else {
      warned = true;
      io.stderr.write('\n(Ctrl-C again or /quit to leave)\n');
      reader.write('\n');
    }
  };
  reader.on('SIGINT', interrupt);
  process.on('SIGINT', interrupt);

  reader.setPrompt(io.interactive ? io.colors.bold(io.colors.cyan('› ')) : '');
  // The iterator buffers lines, so piped input that arrives at once is not lost.
  const lines = reader[Symbol.asyncIterator]();
  try {
    for (;;) {
      reader.prompt();
      const next = await lines.next();
      if (next.done) break;
      const text = next.value.trim();
      if (text === '') continue;
      warned = false;

      current = new AbortController();
      if (text.startsWith('/')) {
        if ((await runSlashCommand(text, session, current.signal)) === 'quit') break;
      } else if (session.provider) {
        await askModel(session, text, current.signal);
      } else {
        io.stderr.write(`${modelSetupText()}\n`);
      }
      current = undefined;
    }
  } finally {
    process.off('SIGINT', interrupt);
    if (io.interactive) {
      const typed = (reader as unknown as { history: string[] }).history;
      await saveHistory(path, typed).catch(() => {});
    }
    reader.close();
  }
}

/** `conduit chat`: a conversation with the model, or the tool shell when there is none. */
export async function runChat(start: SessionStart): Promise<number> {
  const opened = await openSession(start);
  if (typeof opened === 'number') return opened;
  const session = opened;

  try {
    if (session.options.prompt !== undefined) {
      return await answerOnce(session, session.options.prompt);
    }

    const { io } = session;
    if (session.provider) {
      io.stderr.write(`Model: ${session.provider.label}. /help lists the commands.\n`);
    } else {
      io.stderr.write(`${modelSetupText()}\n`);
    }
    await interactiveLoop(session);
    return 0;
  } finally {
    await session.close();
    if (session.options.json) printTranscript(session);
  }
}
