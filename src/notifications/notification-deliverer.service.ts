import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config.service';
import { notificationMail } from './notification-mail';
import { NotificationsRepository } from './notifications.repository';

/**
 * Delivers a notification once: the row is claimed with a conditional update before any
 * e-mail goes out, so a retried or duplicated job never mails twice (at worst, a crash
 * between claim and send loses the e-mail; the in-app notification stays). E-mails say
 * only that there is something to look at, with a link — never names or case details — in each
 * recipient's language.
 */
@Injectable()
export class NotificationDeliverer implements OnModuleDestroy {
  private readonly logger = new Logger(NotificationDeliverer.name);
  private readonly mailer?: Transporter;

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly config: AppConfig,
  ) {
    const url = config.get('SMTP_URL');
    if (url) this.mailer = createTransport({ url, ignoreTLS: config.get('SMTP_IGNORE_TLS') } as never);
  }

  async deliver(notificationId: string): Promise<'delivered' | 'already_delivered'> {
    const row = await this.notifications.claim(notificationId);
    if (!row) return 'already_delivered';
    const addresses = await this.notifications.addresses(row);
    if (this.mailer && addresses.length > 0) {
      // One e-mail per language its recipients read Samvirke in, each in that language.
      const link = `${this.config.get('PUBLIC_URL')}/notifications/${row.id}`;
      const byLanguage = new Map<string, { mail: ReturnType<typeof notificationMail>; bcc: string[] }>();
      for (const address of addresses) {
        const mail = notificationMail(address.locale, row.urgent, link);
        const group = byLanguage.get(mail.language) ?? { mail, bcc: [] };
        group.bcc.push(address.email);
        byLanguage.set(mail.language, group);
      }
      for (const { mail, bcc } of byLanguage.values()) {
        await this.mailer.sendMail({
          from: this.config.get('MAIL_FROM'),
          bcc,
          subject: mail.subject,
          text: mail.text,
          headers: { 'Content-Language': mail.language },
          textEncoding: 'quoted-printable',
        });
      }
    }
    this.logger.log(
      { event: 'notification.delivered', notificationId, mailed: addresses.length },
      'notification delivered',
    );
    return 'delivered';
  }

  onModuleDestroy(): void {
    this.mailer?.close();
  }
}
