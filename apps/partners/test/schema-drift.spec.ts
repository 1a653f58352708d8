import { DataSource } from 'typeorm';
import { createServiceApp } from '@cirkel/runtime';
import { schemaDrift, ServiceUnderTest, startServiceUnderTest } from '@cirkel/testing';
import { PartnersModule } from '../src/partners.module';

let sut: ServiceUnderTest;
beforeAll(async () => {
  sut = await startServiceUnderTest('partners', (config) => createServiceApp(PartnersModule.forRoot(config), config));
});
afterAll(() => sut?.stop());

it('has entities that describe exactly what its migrations create', async () => {
  expect(await schemaDrift(sut.app.get(DataSource))).toEqual([]);
});
