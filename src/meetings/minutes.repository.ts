import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { FollowUpState } from '../follow-ups/follow-up.entity';
import { AgendaRepository } from './agenda.repository';
import { MeetingMinute } from './entities/meeting-minute.entity';
import { Role } from '../users/role';

/** The role whose holders in a district may own its meetings' action items. */
const ACTION_ITEM_OWNER_ROLE: Role = 'coordinator';

/** An action item decided in the minutes (a follow-up), with its owner's name and agency. */
export interface MinuteAction {
  followUpId: string;
  minuteId: string;
  owner: { id: string; name: string; agencyName: string };
  text: string;
  dueAt: Date;
  state: FollowUpState;
}

/** A decision as one reader may read it, with its action items. */
export interface ReadableMinute {
  minute: MeetingMinute;
  actions: MinuteAction[];
}

export type NewMinute = Pick<MeetingMinute, 'meetingId' | 'agendaItemId' | 'decision' | 'position' | 'recordedById'>;

/** The reader's agency in the generated SQL. */
const READER_AGENCY = '00000000-0000-4000-8000-0000000000a1';

/** A meeting's decisions: who may read which, and their recording. */
@Injectable()
export class MinutesRepository {
  constructor(private readonly agenda: AgendaRepository) {}

  /**
   * The decisions of the meeting this reader may read, in the order recorded: those on no item,
   * and those on an item of their own agenda (`AgendaRepository.hiddenItemsSql`). A decision on an
   * item absent from their agenda is absent too, with its action items.
   */
  @GenerateSql({
    name: 'as a coordinator',
    params: [DummyValue.tx, DummyValue.caller.coordinator, READER_AGENCY, DummyValue.UUID, DummyValue.DATE],
  })
  @GenerateSql({
    name: 'as a case worker',
    params: [DummyValue.tx, DummyValue.caller.caseWorker, READER_AGENCY, DummyValue.UUID, DummyValue.DATE],
  })
  async readable(
    tx: EntityManager,
    ability: AppAbility,
    readerAgencyId: string,
    meetingId: string,
    now: Date,
  ): Promise<ReadableMinute[]> {
    const hidden = this.agenda.hiddenItemsSql(ability, readerAgencyId, meetingId, now);
    const minutes = await tx
      .getRepository(MeetingMinute)
      .createQueryBuilder('minute')
      .where('minute.meetingId = :meetingId', { meetingId })
      .andWhere(
        `(minute.agendaItemId IS NULL OR minute.agendaItemId IN (SELECT "mine"."id" FROM agenda_items "mine"
           WHERE "mine"."meeting_id" = :meetingId AND "mine"."id" NOT IN (${hidden.sql})))`,
        hidden.params,
      )
      .orderBy('minute.recordedAt', 'ASC')
      .addOrderBy('minute.position', 'ASC')
      .getMany();
    const actions = minutes.length
      ? await this.actionsOf(
          tx,
          minutes.map((minute) => minute.id),
        )
      : [];
    return minutes.map((minute) => ({ minute, actions: actions.filter((action) => action.minuteId === minute.id) }));
  }

  /** The action items of these decisions, soonest due first, with their owners. */
  private async actionsOf(tx: EntityManager, minuteIds: string[]): Promise<MinuteAction[]> {
    const rows: {
      id: string;
      minute_id: string;
      owner_id: string;
      owner_name: string;
      owner_agency_name: string;
      text: string;
      due_at: Date;
      state: FollowUpState;
    }[] = await tx.query(
      `SELECT "f"."id", "f"."minute_id", "f"."owner_id", "owner"."name" AS owner_name,
              "owner_of"."name" AS owner_agency_name, "f"."text", "f"."due_at", "f"."state"
         FROM follow_ups "f"
         JOIN users "owner" ON "owner"."id" = "f"."owner_id"
         JOIN agencies "owner_of" ON "owner_of"."id" = "owner"."agency_id"
        WHERE "f"."minute_id" = ANY($1)
        ORDER BY "f"."due_at" ASC, "f"."id" ASC`,
      [minuteIds],
    );
    return rows.map((row) => ({
      followUpId: row.id,
      minuteId: row.minute_id,
      owner: { id: row.owner_id, name: row.owner_name, agencyName: row.owner_agency_name },
      text: row.text,
      dueAt: row.due_at,
      state: row.state,
    }));
  }

  @GenerateSql({
    params: [
      DummyValue.tx,
      {
        meetingId: DummyValue.UUID,
        agendaItemId: null,
        decision: DummyValue.STRING,
        position: 0,
        recordedById: DummyValue.UUID,
      },
    ],
  })
  insert(tx: EntityManager, minute: NewMinute): Promise<MeetingMinute> {
    return tx.save(tx.create(MeetingMinute, minute));
  }

  /** The decisions the meeting already has on these agenda items, or in these words on no item. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.UUID_SET, [DummyValue.STRING]] })
  recorded(
    tx: EntityManager,
    meetingId: string,
    agendaItemIds: string[],
    decisions: string[],
  ): Promise<{ agenda_item_id: string | null; decision: string }[]> {
    return tx.query(
      `SELECT agenda_item_id, decision FROM meeting_minutes
        WHERE meeting_id = $1 AND (agenda_item_id = ANY($2) OR (agenda_item_id IS NULL AND decision = ANY($3)))`,
      [meetingId, agendaItemIds, decisions],
    );
  }

  /** Which of these users are active coordinators of the district (they may own a meeting's action items). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID_SET, DummyValue.UUID] })
  async districtCoordinators(tx: EntityManager, userIds: string[], districtId: string): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows: { id: string }[] = await tx.query(
      `SELECT u.id FROM users u JOIN user_districts d ON d.user_id = u.id
        WHERE u.id = ANY($1) AND u.active AND $3 = ANY(u.roles) AND d.district_id = $2`,
      [userIds, districtId, ACTION_ITEM_OWNER_ROLE],
    );
    return rows.map((row) => row.id);
  }
}
