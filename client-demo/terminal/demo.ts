import {
  describeServers,
  transcriptMessages,
  type ScriptedStep,
  type Transcript,
} from '../transcript.ts';
import { runScriptedTour, TOUR } from '../tour.ts';
import { openSession, type Session, type SessionStart } from './session.ts';
import { askModel } from './turn.ts';

function toolNames(session: Session) {
  return (server: string) =>
    session.toolbox.entries
      .filter((entry) => entry.server.name === server)
      .map((entry) => entry.name);
}

async function modelTour(session: Session, signal: AbortSignal): Promise<boolean> {
  const { io } = session;
  io.stdout.write(io.colors.bold(`The Conduit tour, answered by ${session.provider?.label}\n`));
  let allAnswered = true;
  for (const [index, step] of TOUR.entries()) {
    if (signal.aborted) return false;
    io.stdout.write(`\n${io.colors.bold(io.colors.cyan(`${index + 1}. ${step.question}`))}\n`);
    const end = await askModel(session, step.question, signal);
    if (end !== 'answer') allAnswered = false;
  }
  return allAnswered;
}

async function scriptedTour(session: Session, signal: AbortSignal): Promise<ScriptedStep[]> {
  const { io } = session;
  io.stdout.write(
    io.colors.bold('The Conduit tour (scripted: fixed tool calls, no model involved)\n'),
  );
  const steps = await runScriptedTour({
    runner: session.runner,
    signal,
    onStep: (step, position) => {
      io.stdout.write(`\n${io.colors.bold(io.colors.cyan(`${position}. ${step.question}`))}\n`);
    },
  });

  const failed = steps.flatMap((step, index) =>
    step.isError ? [`${index + 1} (${step.tool})`] : [],
  );
  io.stdout.write(`\n${steps.length - failed.length} of ${TOUR.length} steps succeeded.\n`);
  if (failed.length > 0) io.stdout.write(`Failed: ${failed.join(', ')}.\n`);
  if (!session.provider) {
    io.stdout.write('Configure a model (conduit chat --help) to have it answer these questions.\n');
  }
  return steps;
}

/** Runs `conduit demo`: the tour, handled by the model or run as fixed tool calls. */
export async function runDemo(start: SessionStart): Promise<number> {
  const opened = await openSession(start);
  if (typeof opened === 'number') return opened;
  const session = opened;

  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);

  let steps: ScriptedStep[] | undefined;
  let succeeded: boolean;
  try {
    if (session.provider && !session.options.scripted) {
      succeeded = await modelTour(session, controller.signal);
    } else {
      steps = await scriptedTour(session, controller.signal);
      succeeded = steps.length === TOUR.length && steps.every((step) => !step.isError);
    }
  } finally {
    process.off('SIGINT', onSignal);
    await session.close();
  }

  if (session.options.json) {
    const transcript: Transcript = {
      command: 'demo',
      model: steps ? null : (session.provider?.label ?? null),
      scripted: steps !== undefined,
      servers: describeServers(session.connection, toolNames(session)),
      messages: transcriptMessages(session.conversation),
      ...(steps ? { steps } : {}),
      errors: session.errors,
    };
    session.io.data.write(`${JSON.stringify(transcript, null, 2)}\n`);
  }
  return succeeded ? 0 : 1;
}
