import { Injectable } from '@nestjs/common';
import { AppAbility, defineAbilityFor } from './ability';
import { Actor } from './actor';

/** Builds the caller's ability once per request. */
@Injectable()
export class AbilityFactory {
  createFor(actor: Actor): AppAbility {
    return defineAbilityFor(actor);
  }
}
