import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config.service';
import { NotificationsRepository } from './notifications.repository';

/**
 * Delivers a notification once: the row is claimed with a conditional update before any
 * e-mail goes out, so a retried or duplicated job never mails twice (at worst, a crash
 * between claim and send loses the e-mail; the in-app notification stays). E-mails say
 * only that there is something to look at, with a link — never names or case details.
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
      await this.mailer.sendMail({
        from: this.config.get('MAIL_FROM'),
        bcc: addresses,
        subject: row.urgent ? 'Samvirke: urgent — please look now' : 'Samvirke: you have a new notification',
        text: [
          row.urgent
            ? 'Something urgent needs your attention in Samvirke.'
            : 'There is something new for you in Samvirke.',
          `Open it here: ${this.config.get('PUBLIC_URL')}/notifications/${row.id}`,
          'For confidentiality this e-mail holds no details.',
        ].join('\n\n'),
      });
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
