import { DemoSeeder } from './demo-seeder';

const sha = (text: string) => require('node:crypto').createHash('sha256').update(text).digest('hex') as string;

/**
 * The scenarios of DOMAIN.md, from the source documents. Names and dates follow the reports;
 * amounts and quantities are illustrative.
 */
export async function seedScenarios(seed: DemoSeeder, milestoneIds: (commitmentId: string) => Promise<string[]>): Promise<void> {
  // 1. NTB provincial partnership meeting, Mataram, 25 Nov 2025.
  await seed.partner('dinkes-ntb', { name: 'Dinas Kesehatan Provinsi NTB', sector: 'government', regionCode: '52', contact: { email: 'promkes@dinkes.ntbprov.example', phone: '+62 370 621786' } });
  await seed.partner('bank-ntb', { name: 'PT Bank NTB Syariah', sector: 'business', regionCode: '52.71', contact: { email: 'csr@bankntbsyariah.example' } });
  await seed.partner('pln-ntb', { name: 'PT PLN (Persero) UIW NTB', sector: 'business', regionCode: '52.71' });
  await seed.partner('pkk-ntb', { name: 'TP PKK Provinsi NTB', sector: 'womens', regionCode: '52' });
  await seed.partner('muhammadiyah-ntb', { name: 'Pimpinan Wilayah Aisyiyah NTB', sector: 'community', regionCode: '52' });
  await seed.partner('idi-ntb', { name: 'IDI Wilayah NTB', sector: 'professional', regionCode: '52' });
  await seed.partner('ibi-ntb', { name: 'IBI Pengurus Daerah NTB', sector: 'professional', regionCode: '52' });
  await seed.partner('unram', { name: 'Fakultas Kedokteran Universitas Mataram', sector: 'academia', regionCode: '52.71' });
  await seed.partner('kemenag-ntb', { name: 'Kanwil Kementerian Agama Provinsi NTB', sector: 'government', regionCode: '52' });
  await seed.partner('bkkbn-ntb', { name: 'Perwakilan BKKBN Provinsi NTB', sector: 'government', regionCode: '52' });

  await seed.forum('forum-ntb', {
    name: 'Forum Kemitraan Kesehatan Masyarakat Provinsi NTB',
    regionCode: '52',
    programmes: ['stunting', 'phbs', 'posyandu', 'ckg', 'kb', 'kia'],
    secretariatPartnerId: seed.id('dinkes-ntb'),
  });
  await seed.meeting('ckg-orientation', 'forum-ntb', {
    title: 'Orientasi dan Koordinasi LS & LP CKG Kescatin-KB (16-19 November 2025)',
    heldOn: '2025-11-16',
    location: 'Mataram',
    attendeePartnerIds: ['dinkes-ntb', 'kemenag-ntb', 'bkkbn-ntb', 'ibi-ntb'].map((ref) => seed.id(ref)),
  });
  await seed.meeting('partnership-meeting', 'forum-ntb', {
    title: 'Pertemuan Kemitraan Advokasi Penguatan Bidang Kesehatan Masyarakat',
    heldOn: '2025-11-25',
    location: 'Mataram',
    attendeePartnerIds: ['dinkes-ntb', 'bank-ntb', 'pln-ntb', 'pkk-ntb', 'muhammadiyah-ntb', 'idi-ntb', 'ibi-ntb', 'unram'].map((ref) => seed.id(ref)),
  });
  await seed.agreement('ntb-agreement', {
    forumId: seed.id('forum-ntb'),
    meetingId: seed.id('partnership-meeting'),
    title: 'Kesepakatan Kemitraan Penguatan Kesehatan Masyarakat NTB 2026',
    text:
      'Para pihak sepakat: (1) menetapkan program prioritas kesehatan masyarakat; (2) membagi tugas dan sumber daya; ' +
      '(3) membentuk forum kemitraan; (4) menyusun mekanisme pelaporan dan akuntabilitas yang transparan. ' +
      'Dinas Kesehatan berperan sebagai regulator dan koordinator kebijakan, penyedia data, serta monitoring dan evaluasi; ' +
      'dunia usaha memberi dukungan CSR, fasilitas dan teknologi; organisasi masyarakat menggerakkan PHBS dan Posyandu; ' +
      'organisasi profesi menjaga standar etika dan mutu serta memberi dukungan teknis.',
    partyPartnerIds: ['dinkes-ntb', 'bank-ntb', 'pln-ntb', 'pkk-ntb', 'muhammadiyah-ntb', 'idi-ntb', 'ibi-ntb', 'unram'].map((ref) => seed.id(ref)),
    effectiveFrom: '2025-11-25',
    effectiveUntil: '2026-12-31',
  });
  await seed.correctAgreement('ntb-agreement', {
    reason: 'Ralat: judul tertulis tanpa tahun anggaran pada notulen',
    changes: { title: 'Kesepakatan Kemitraan Penguatan Kesehatan Masyarakat Provinsi NTB Tahun 2026' },
  });

  const scope = { agreementId: seed.id('ntb-agreement'), validFrom: '2025-11-25' };
  await seed.role('role-dinkes-regulator', { ...scope, partnerId: seed.id('dinkes-ntb'), role: 'regulator-coordinator' });
  await seed.role('role-dinkes-data', { ...scope, partnerId: seed.id('dinkes-ntb'), role: 'data-provider' });
  await seed.role('role-dinkes-me', { ...scope, partnerId: seed.id('dinkes-ntb'), role: 'monitoring-evaluation' });
  await seed.role('role-bank-funding', { ...scope, partnerId: seed.id('bank-ntb'), role: 'funding-supporter' });
  await seed.role('role-pln-funding', { ...scope, partnerId: seed.id('pln-ntb'), role: 'funding-supporter' });
  await seed.role('role-pkk-mobiliser', { ...scope, partnerId: seed.id('pkk-ntb'), role: 'community-mobiliser' });
  await seed.role('role-aisyiyah-mobiliser', { ...scope, partnerId: seed.id('muhammadiyah-ntb'), role: 'community-mobiliser' });
  await seed.role('role-idi-technical', { ...scope, partnerId: seed.id('idi-ntb'), role: 'technical-support' });
  await seed.role('role-ibi-technical', { ...scope, partnerId: seed.id('ibi-ntb'), role: 'technical-support' });
  await seed.role('role-forum-secretariat', { forumId: seed.id('forum-ntb'), partnerId: seed.id('dinkes-ntb'), role: 'secretariat', validFrom: '2025-11-25' });

  const agreementId = seed.id('ntb-agreement');
  await seed.commitment('bank-pmt', {
    agreementId, partnerId: seed.id('bank-ntb'),
    description: 'Dana CSR untuk pemberian makanan tambahan (PMT) ibu hamil KEK dan balita gizi kurang di Kota Mataram',
    resourceType: 'funds', quantity: 1200, unit: 'paket PMT', valueRupiah: 360_000_000,
    regionCode: '52.71', programme: 'stunting', dueDate: '2026-06-30',
    milestones: [{ title: 'Penyaluran tahap 1 (600 paket)', dueDate: '2026-02-28' }, { title: 'Penyaluran tahap 2 (600 paket)', dueDate: '2026-06-30' }],
  }, 'bank-ntb');
  await seed.acceptCommitment('bank-pmt', '2025-12-01');
  await seed.milestoneMet('bank-pmt', 0, '2026-02-20', 'Diserahkan di 11 puskesmas Kota Mataram', milestoneIds);

  await seed.commitment('pln-posyandu', {
    agreementId, partnerId: seed.id('pln-ntb'),
    description: 'Peralatan antropometri untuk Posyandu (timbangan digital dan alat ukur panjang badan)',
    resourceType: 'in-kind', quantity: 150, unit: 'set antropometri', valueRupiah: 225_000_000,
    regionCode: '52', programme: 'posyandu', dueDate: '2026-09-30', milestones: [],
  }, 'pln-ntb');
  await seed.acceptCommitment('pln-posyandu', '2025-12-05');
  await seed.amendCommitment('pln-posyandu', { rationale: 'Adendum: anggaran CSR 2026 dipotong; jumlah set dikurangi', changes: { quantity: 100, valueRupiah: 150_000_000 } });

  await seed.commitment('pkk-phbs', {
    agreementId, partnerId: seed.id('pkk-ntb'),
    description: 'Penggerakan kader PKK untuk kampanye PHBS dan kunjungan rumah ibu hamil',
    resourceType: 'personnel', quantity: 400, unit: 'kader', valueRupiah: 0,
    regionCode: '52', programme: 'phbs', dueDate: '2026-12-31',
    milestones: [{ title: 'Pelatihan kader', dueDate: '2026-03-31' }],
  }, 'pkk-ntb');
  await seed.acceptCommitment('pkk-phbs', '2025-12-10');

  await seed.commitment('idi-training', {
    agreementId, partnerId: seed.id('idi-ntb'),
    description: 'Pendampingan teknis standar etika dan mutu layanan CKG bagi dokter puskesmas',
    resourceType: 'technical-expertise', quantity: 12, unit: 'sesi pendampingan', valueRupiah: 0,
    regionCode: '52', programme: 'ckg', dueDate: '2026-10-31', milestones: [],
  }, 'idi-ntb');
  await seed.acceptCommitment('idi-training', '2025-12-15');

  await seed.commitment('dinkes-data', {
    agreementId, partnerId: seed.id('dinkes-ntb'),
    description: 'Dasbor data stunting dan cakupan Posyandu per kabupaten/kota, dimutakhirkan triwulanan',
    resourceType: 'data', quantity: 4, unit: 'pemutakhiran triwulanan', valueRupiah: 0,
    regionCode: '52', programme: 'stunting', dueDate: '2026-12-31', milestones: [],
  }, 'dinkes-ntb');

  await seed.commitment('aisyiyah-posyandu', {
    agreementId, partnerId: seed.id('muhammadiyah-ntb'),
    description: 'Pendampingan 60 Posyandu oleh relawan Aisyiyah',
    resourceType: 'personnel', quantity: 60, unit: 'Posyandu', valueRupiah: 0,
    regionCode: '52.71', programme: 'posyandu', dueDate: '2026-06-30', milestones: [],
  }, 'muhammadiyah-ntb');
  await seed.acceptCommitment('aisyiyah-posyandu', '2025-12-10');

  await seed.report('bank-pmt-q1', {
    commitmentId: seed.id('bank-pmt'), periodStart: '2025-12-01', periodEnd: '2026-02-28',
    quantityDelivered: 600, rupiahDisbursed: 180_000_000,
    narrative: 'Tahap 1: 600 paket PMT disalurkan melalui 11 puskesmas Kota Mataram.',
    evidence: [{ name: 'berita-acara-serah-terima-tahap-1.pdf', sha256: sha('berita-acara-serah-terima-tahap-1'), mediaType: 'application/pdf', sizeBytes: 482_113 }],
  }, 'bank-ntb');
  await seed.submitReport('bank-pmt-q1', 'bank-ntb');
  await seed.acceptReport('bank-pmt-q1');

  await seed.report('bank-pmt-q2', {
    commitmentId: seed.id('bank-pmt'), periodStart: '2026-03-01', periodEnd: '2026-06-30',
    quantityDelivered: 450, rupiahDisbursed: 135_000_000,
    narrative: 'Tahap 2: 450 paket disalurkan; sisa 150 paket tertunda karena pengadaan.',
    evidence: [],
  }, 'bank-ntb');
  await seed.submitReport('bank-pmt-q2', 'bank-ntb');
  await seed.returnReport('bank-pmt-q2', 'Lampirkan berita acara serah terima tahap 2 dan daftar penerima.');
  await seed.submitReport('bank-pmt-q2', 'bank-ntb', {
    evidence: [{ name: 'berita-acara-tahap-2.pdf', sha256: sha('berita-acara-tahap-2'), mediaType: 'application/pdf', sizeBytes: 391_020 }],
  }, 2);

  await seed.report('pkk-phbs-h1', {
    commitmentId: seed.id('pkk-phbs'), periodStart: '2026-01-01', periodEnd: '2026-06-30',
    quantityDelivered: 310, rupiahDisbursed: 0,
    narrative: '310 kader terlatih dan aktif melakukan kunjungan rumah.',
    evidence: [],
  }, 'pkk-ntb');

  await seed.report('aisyiyah-final', {
    commitmentId: seed.id('aisyiyah-posyandu'), periodStart: '2025-12-10', periodEnd: '2026-06-30',
    quantityDelivered: 60, rupiahDisbursed: 0,
    narrative: '60 Posyandu didampingi; laporan kehadiran terlampir.',
    evidence: [{ name: 'rekap-kehadiran.xlsx', sha256: sha('rekap-kehadiran'), mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', sizeBytes: 58_211 }],
  }, 'muhammadiyah-ntb');
  await seed.submitReport('aisyiyah-final', 'muhammadiyah-ntb');
  await seed.acceptReport('aisyiyah-final');
  await seed.closeCommitment('aisyiyah-posyandu', { outcome: 'fulfilled', note: 'Seluruh 60 Posyandu didampingi sesuai komitmen.' });

  // 3. Kayong Utara health work meeting, Sukadana, 14 Oct 2024.
  await seed.partner('dinkes-kku', { name: 'Dinas Kesehatan dan KB Kabupaten Kayong Utara', sector: 'government', regionCode: '61.11' });
  await seed.partner('pkk-kku', { name: 'TP PKK Kabupaten Kayong Utara', sector: 'womens', regionCode: '61.11' });
  await seed.forum('forum-kku', { name: 'Forum Kemitraan Transformasi Kesehatan Kabupaten Kayong Utara', regionCode: '61.11', programmes: ['stunting', 'kia', 'other'], secretariatPartnerId: seed.id('dinkes-kku') });
  await seed.meeting('raker-kku', 'forum-kku', { title: 'Rapat Kerja Penguatan Transformasi Kesehatan melalui Integrasi Lintas Sektor', heldOn: '2024-10-14', location: 'Mahkota Hotel, Sukadana', attendeePartnerIds: [seed.id('dinkes-kku'), seed.id('pkk-kku')] });

  // 4. Kaur Tengah cross-sector mini workshop, 3 Jun 2024.
  await seed.partner('puskesmas-kaur-tengah', { name: 'Puskesmas Kaur Tengah', sector: 'government', regionCode: '17.04' });
  await seed.partner('bkkbn-kaur', { name: 'BKKBN (PKB Kecamatan Kaur Tengah)', sector: 'government', regionCode: '17.04' });
  await seed.partner('apdesi-kaur', { name: 'APDESI Kecamatan Kaur Tengah', sector: 'community', regionCode: '17.04' });
  await seed.partner('pgri-kaur', { name: 'PGRI Kecamatan Kaur Tengah', sector: 'professional', regionCode: '17.04' });
  await seed.forum('forum-kaur', { name: 'Lokakarya Mini Lintas Sektor Puskesmas Kaur Tengah', regionCode: '17.04', programmes: ['stunting', 'kia', 'phbs', 'posyandu'], secretariatPartnerId: seed.id('puskesmas-kaur-tengah') });
  await seed.meeting('lokmin-kaur', 'forum-kaur', { title: 'Lokakarya Mini Lintas Sektor', heldOn: '2024-06-03', location: 'Aula Kantor Camat Kaur Tengah', attendeePartnerIds: ['puskesmas-kaur-tengah', 'bkkbn-kaur', 'apdesi-kaur', 'pgri-kaur'].map((ref) => seed.id(ref)) });
  await seed.agreement('kaur-agreement', {
    forumId: seed.id('forum-kaur'), meetingId: seed.id('lokmin-kaur'),
    title: 'Komitmen Bersama Lintas Sektor Kecamatan Kaur Tengah',
    text: 'Meningkatkan gizi ibu hamil, menurunkan angka stunting melalui intervensi gizi tepat sasaran, dan menjaga kebersihan lingkungan.',
    partyPartnerIds: ['puskesmas-kaur-tengah', 'bkkbn-kaur', 'apdesi-kaur', 'pgri-kaur'].map((ref) => seed.id(ref)),
    effectiveFrom: '2024-06-03', effectiveUntil: '2024-12-31',
  });
  await seed.commitment('apdesi-pmt', {
    agreementId: seed.id('kaur-agreement'), partnerId: seed.id('apdesi-kaur'),
    description: 'Alokasi dana desa untuk PMT ibu hamil di desa-desa Kaur Tengah',
    resourceType: 'funds', quantity: 10, unit: 'desa', valueRupiah: 50_000_000,
    regionCode: '17.04', programme: 'stunting', dueDate: '2024-12-31', milestones: [],
  }, 'apdesi-kaur');
  await seed.acceptCommitment('apdesi-pmt', '2024-06-10');
  await seed.commitment('pgri-clean', {
    agreementId: seed.id('kaur-agreement'), partnerId: seed.id('pgri-kaur'),
    description: 'Gerakan sekolah bersih dan cuci tangan pakai sabun',
    resourceType: 'personnel', quantity: 8, unit: 'sekolah', valueRupiah: 0,
    regionCode: '17.04', programme: 'phbs', dueDate: '2024-12-31', milestones: [],
  }, 'pgri-kaur');

  // 5. Bangka Selatan family-planning coordination, Toboali, 7 Apr 2022 (one of a series).
  await seed.partner('bkkbn-babel', { name: 'Perwakilan BKKBN Provinsi Kepulauan Bangka Belitung', sector: 'government', regionCode: '19' });
  await seed.partner('ibi-basel', { name: 'PC IBI Kabupaten Bangka Selatan', sector: 'professional', regionCode: '19.03' });
  await seed.forum('forum-babel', { name: 'Koordinasi Intensifikasi Pelayanan KB di Faskes Provinsi Kepulauan Bangka Belitung', regionCode: '19', programmes: ['kb', 'stunting'], secretariatPartnerId: seed.id('bkkbn-babel') });
  const series: Array<[string, string, string]> = [
    ['kb-bangka-tengah', '2022-04-05', 'Kabupaten Bangka Tengah'],
    ['kb-pangkalpinang', '2022-04-06', 'Kota Pangkalpinang'],
    ['kb-bangka-selatan', '2022-04-07', 'Penginapan A3 Toboali, Kabupaten Bangka Selatan'],
    ['kb-belitung', '2022-04-12', 'Kabupaten Belitung'],
    ['kb-belitung-timur', '2022-04-14', 'Kabupaten Belitung Timur'],
    ['kb-bangka-barat', '2022-04-19', 'Kabupaten Bangka Barat'],
    ['kb-bangka', '2022-04-20', 'Kabupaten Bangka'],
  ];
  for (const [ref, heldOn, location] of series) {
    await seed.meeting(ref, 'forum-babel', { title: 'Pertemuan Koordinasi Intensifikasi Pelayanan KB di Fasilitas Kesehatan', heldOn, location, attendeePartnerIds: [seed.id('bkkbn-babel'), seed.id('ibi-basel')] });
  }
  await seed.agreement('babel-agreement', {
    forumId: seed.id('forum-babel'), meetingId: seed.id('kb-bangka-selatan'),
    title: 'Rumusan Aksi Intensifikasi Pelayanan KB untuk Percepatan Penurunan Stunting',
    text: 'Prevalensi stunting 27,67%; target 14% pada 2024. Para pihak memperkuat koordinasi dan peran fasilitas kesehatan dalam pelayanan KB.',
    partyPartnerIds: [seed.id('bkkbn-babel'), seed.id('ibi-basel')],
    effectiveFrom: '2022-04-07', effectiveUntil: '2024-12-31',
  });
  await seed.commitment('ibi-kb', {
    agreementId: seed.id('babel-agreement'), partnerId: seed.id('ibi-basel'),
    description: 'Pelayanan KB pasca persalinan oleh bidan praktik mandiri',
    resourceType: 'technical-expertise', quantity: 500, unit: 'akseptor KB pasca persalinan', valueRupiah: 0,
    regionCode: '19.03', programme: 'kb', dueDate: '2024-12-31', milestones: [],
  }, 'ibi-basel');
  await seed.acceptCommitment('ibi-kb', '2022-04-20');
}
