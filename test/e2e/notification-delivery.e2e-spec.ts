import { INestApplicationContext } from '@nestjs/common';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../src/local/local-services';
import { NotificationDeliverer } from '../../src/notifications/notification-deliverer.service';
import { NotificationDispatch } from '../../src/notifications/notification-dispatch.service';
import { MAIL_TEXTS } from '../../src/notifications/notification-mail';
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

  it('mails each recipient in the language their account reads Samvirke in', async () => {
    const district = await createDistrict(app.dataSource);
    const police = await createAgency(app.dataSource, { kind: 'police', districtId: district.id });
    const officers = {
      fi: await createUser(app.dataSource, {
        agency: police,
        roles: ['case_worker'],
        email: 'fi.officer@police.example',
      }),
      sv: await createUser(app.dataSource, {
        agency: police,
        roles: ['case_worker'],
        email: 'sv.officer@police.example',
      }),
      nb: await createUser(app.dataSource, {
        agency: police,
        roles: ['case_worker'],
        email: 'nb.officer@police.example',
      }),
    };
    for (const locale of ['fi', 'sv'] as const) {
      await app.dataSource.query('UPDATE users SET locale = $1 WHERE id = $2', [locale, officers[locale].id]);
    }
    const teacher = await signedIn(app.http, app.dataSource, {
      roles: ['reporter'],
      agency: await createAgency(app.dataSource, { kind: 'school' }),
    });
    const created = await app.http.post(
      '/api/v1/concerns',
      {
        subject: { fullName: 'Kaisa Kieli', dateOfBirth: '2010-05-05', districtId: district.id },
        category: 'gang_crime',
        narrative: 'Threatened a classmate at the bus stop',
        source: 'professional',
        riskLevel: 'immediate_danger',
      },
      { token: teacher.token },
    );
    expect(created.status).toBe(201);
    const mailTo = (email: string) => sink.mails.filter((mail) => mail.to.includes(email));
    await eventually(() => Object.values(officers).every((officer) => mailTo(officer.email).length === 1));
    const said = (email: string) => readable(mailTo(email)[0].body);
    // Each language its own e-mail, to its own readers, in its own words; no details in any.
    expect(said(officers.fi.email)).toContain('Content-Language: fi');
    expect(said(officers.fi.email)).toContain(MAIL_TEXTS.fi.leadUrgent);
    expect(said(officers.sv.email)).toContain('Content-Language: sv');
    expect(said(officers.sv.email)).toContain(MAIL_TEXTS.sv.leadUrgent);
    expect(said(officers.nb.email)).toContain(MAIL_TEXTS.nb.leadUrgent);
    expect(mailTo(officers.fi.email)[0].to).not.toContain(officers.sv.email);
    for (const officer of Object.values(officers)) {
      expect(said(officer.email)).toContain('https://samvirke.example/notifications/');
      expect(said(officer.email)).not.toContain(MAIL_TEXTS.en.leadUrgent);
      for (const secret of ['Kaisa', 'Kieli', 'bus stop']) expect(said(officer.email)).not.toContain(secret);
    }
  });
});

/** A mail's raw text with its quoted-printable body decoded, to read the words as written. */
function readable(raw: string): string {
  const bytes = raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8').replace(/\r?\n/g, '\n');
}
