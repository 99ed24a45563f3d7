import { Injectable } from '@nestjs/common';
import { ClsService, ClsStore } from 'nestjs-cls';
import { Actor } from './actor';
import { AppAbility } from './ability';

interface RequestStore extends ClsStore {
  actor?: Actor;
  ability?: AppAbility;
}

/** What is known about the current request: its id, and once authenticated, the actor and their ability. */
@Injectable()
export class RequestContext {
  constructor(private readonly cls: ClsService<RequestStore>) {}

  get requestId(): string | null {
    return this.cls.isActive() ? (this.cls.getId() ?? null) : null;
  }

  get actor(): Actor | undefined {
    return this.cls.isActive() ? this.cls.get('actor') : undefined;
  }

  get ability(): AppAbility | undefined {
    return this.cls.isActive() ? this.cls.get('ability') : undefined;
  }

  authenticate(actor: Actor, ability: AppAbility): void {
    this.cls.set('actor', actor);
    this.cls.set('ability', ability);
  }
}
