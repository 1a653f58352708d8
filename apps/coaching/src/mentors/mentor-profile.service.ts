import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, InputOf, MentorProfileChanged, MentorView, PutMyMentorProfile } from '@cirkel/contracts';
import { personCause, UnitOfWork } from '@cirkel/messaging';
import { AssignmentRepository } from '../matching/assignment.repository';
import { Mentor } from './mentor.entity';
import { MentorRepository } from './mentor.repository';

/** Mentors keep their own profile; hub admins see every mentor with their load. */
@Injectable()
export class MentorProfileService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly mentors: MentorRepository,
    private readonly assignments: AssignmentRepository,
  ) {}

  /** Saves the caller's profile and tells the other contexts (notifications) with `coaching.mentor-profile-changed`. */
  async put(caller: Caller, data: InputOf<typeof PutMyMentorProfile>, correlationId: string): Promise<MentorView> {
    const unavailableUntil = data.unavailableUntil ? new Date(data.unavailableUntil) : null;
    await this.unitOfWork.run(async (tx) => {
      await this.mentors.saveProfile(tx.manager, { personId: caller.personId, hubId: caller.hubId, workDomains: data.workDomains, capacity: data.capacity, bio: data.bio, unavailableUntil });
      const profile = { personId: caller.personId, workDomains: data.workDomains, capacity: data.capacity, unavailableUntil: unavailableUntil?.toISOString() ?? null };
      tx.publish(MentorProfileChanged, caller.hubId, profile, personCause(caller.personId, correlationId));
    });
    return this.get(caller);
  }

  async get(caller: Caller): Promise<MentorView> {
    const mentor = await this.mentors.findInHub(caller.hubId, caller.personId, this.dataSource.manager);
    const loads = await this.assignments.loads(this.dataSource.manager, caller.hubId);
    return viewOf(mentor ?? emptyProfile(caller), loads.get(caller.personId) ?? 0);
  }

  async list(caller: Caller): Promise<{ items: MentorView[] }> {
    const loads = await this.assignments.loads(this.dataSource.manager, caller.hubId);
    return { items: (await this.mentors.ofHub(caller.hubId, this.dataSource.manager)).map((m) => viewOf(m, loads.get(m.personId) ?? 0)) };
  }
}

function emptyProfile(caller: Caller): Mentor {
  return { personId: caller.personId, hubId: caller.hubId, name: '', active: true, updatedAt: new Date(0), version: 0, workDomains: [], capacity: 0, bio: '', unavailableUntil: null };
}

function viewOf(mentor: Mentor, load: number): MentorView {
  return {
    personId: mentor.personId,
    name: mentor.name,
    active: mentor.active,
    workDomains: mentor.workDomains,
    capacity: mentor.capacity,
    load,
    bio: mentor.bio,
    unavailableUntil: mentor.unavailableUntil?.toISOString() ?? null,
  };
}
