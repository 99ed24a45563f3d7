import { INestApplicationContext } from '@nestjs/common';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../src/local/local-services';
import { NotificationDeliverer } from '../../src/notifications/notification-deliverer.service';
import { NotificationDispatch } from '../../src/notifications/notification-dispatch.service';
import { eventually } from '../support/eventually';
import { createAgency, createDistrict, createUser, signedIn } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';

interface Mail {
  to: string[];
  body: string;
}

/** A real SMTP server on loopback that keeps what it receives. */
async function startMailSink(): Promise<{ port: number; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let body = '';
      stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), body });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('notification delivery', () => {
  let app: TestApp;
  let worker: INestApplicationContext;
  let sink: Awaited<ReturnType<typeof startMailSink>>;

  beforeAll(async () => {
    sink = await startMailSink();
    app = await startTestApp({
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      SMTP_IGNORE_TLS: 'true',
      PUBLIC_URL: 'https://samvirke.example',
      RECONCILE_EVERY_MS: '3600000',
    });
    worker = await startTestWorker();
  });
  afterAll(async () => {
    await worker.close();
    await app.close();
    await sink.close();
  });

  it('mails the district police within seconds of an immediate danger, once, with a link and no details', async () => {
    const district = await createDistrict(app.dataSource);
    const police = await createAgency(app.dataSource, { kind: 'police', districtId: district.id });
    const officer = await createUser(app.dataSource, {
      agency: police,
      roles: ['case_worker'],
      email: 'duty.officer@police.example',
    });
    const teacher = await signedIn(app.http, app.dataSource, {
      roles: ['reporter'],
      agency: await createAgency(app.dataSource, { kind: 'school' }),
    });

    const started = Date.now();
    const created = await app.http.post(
      '/api/v1/concerns',
      {
        subject: { fullName: 'Ingvild Urgentsen', dateOfBirth: '2011-01-01', districtId: district.id },
        category: 'violent_extremism',
        narrative: 'Said he would bring a knife tomorrow',
        source: 'friend',
        riskLevel: 'immediate_danger',
      },
      { token: teacher.token },
    );
    expect(created.status).toBe(201);
    await eventually(() => sink.mails.some((mail) => mail.to.includes(officer.email)));
    expect(Date.now() - started).toBeLessThan(10_000);
    const mails = sink.mails.filter((mail) => mail.to.includes(officer.email));
    expect(mails).toHaveLength(1);
    expect(mails[0].body).toContain('https://samvirke.example/notifications/');
    for (const secret of ['Ingvild', 'Urgentsen', 'knife', '2011-01-01']) expect(mails[0].body).not.toContain(secret);

    // Dispatched again and delivered again by hand: still one e-mail.
    const [{ id }] = await app.dataSource.query('SELECT id FROM notifications WHERE resource_id = $1', [
      created.body.id,
    ]);
    await worker.get(NotificationDispatch).dispatch([id]);
    expect(await worker.get(NotificationDeliverer).deliver(id)).toBe('already_delivered');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.mails.filter((mail) => mail.to.includes(officer.email))).toHaveLength(1);
  });
});
