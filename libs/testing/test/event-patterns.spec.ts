import { Controller, Module } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { eventPatternsOf } from '../src/event-patterns';

abstract class RoleCopyHandlers {
  @EventPattern('partners.roles-changed')
  async onRolesChanged(): Promise<void> {
    // the base class's handler
  }

  @EventPattern('partners.member-left')
  async onMemberLeft(): Promise<void> {
    // overridden below
  }
}

@Controller()
class OwnHandlers extends RoleCopyHandlers {
  @EventPattern('ideas.submitted')
  async onSubmitted(): Promise<void> {
    // the subclass's own handler
  }

  // an override without the decorator: Nest reads the subclass's method, which handles nothing
  override async onMemberLeft(): Promise<void> {
    // not a handler
  }
}

@Module({ controllers: [OwnHandlers] })
class SomeAppModule {}

it('reads the event handlers a controller inherits, as Nest finds them (issue 7: an inherited handler was missed, so EVENTS_CONSUMED could lack its consumer)', () => {
  expect(eventPatternsOf(SomeAppModule)).toEqual(['ideas.submitted', 'partners.roles-changed']);
});
