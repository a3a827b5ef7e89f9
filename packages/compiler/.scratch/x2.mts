import { DateTime, IANAZone } from 'luxon';
const f = (o: any, z: string) => { const d = DateTime.fromObject(o, { zone: z }); return [d.toISO(), d.toMillis(), d.isValid]; };
console.log(f({ year: 2005, month: 4, day: 3, hour: 2, minute: 30 }, 'America/New_York'));
console.log(f({ year: 2005, month: 10, day: 30, hour: 1, minute: 30 }, 'America/New_York'));
console.log(f({ year: 2005, month: 2, day: 30 }, 'Asia/Shanghai'));
console.log(IANAZone.isValidZone('Asia/Shanghai'), IANAZone.isValidZone('Mars/Base'), IANAZone.isValidZone('UTC'), IANAZone.isValidZone('utc'), IANAZone.isValidZone('asia/shanghai'));
console.log(DateTime.fromMillis(Date.UTC(2005,3,2,5), {zone:'America/New_York'}).plus({days:1}).toISO());
console.log(f({ year: 2005, month: 10, day: 2 }, 'Australia/Adelaide'), f({ year: 2005, month: 10, day: 30 }, 'Australia/Adelaide'));
console.log(f({ year: 2016, month: 10, day: 16 }, 'America/Sao_Paulo'));
