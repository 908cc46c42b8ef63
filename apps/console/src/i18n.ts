import { createContext, useContext } from 'react';

export type Language = 'id' | 'en';

/** Every text of the console, in Indonesian (the offices' language) and English. */
const TEXTS = {
  appTitle: ['Konsol CRM Jakarta', 'Jakarta CRM Console'],
  skipToContent: ['Langsung ke isi', 'Skip to content'],
  language: ['English', 'Bahasa Indonesia'],
  signIn: ['Masuk', 'Sign in'],
  signOut: ['Keluar', 'Sign out'],
  signedInAs: ['Masuk sebagai', 'Signed in as'],
  signInWithProvider: ['Masuk dengan akun organisasi', 'Sign in with the organisation account'],
  developmentSignIn: ['Masuk untuk pengembangan', 'Development sign-in'],
  developmentSignInHint: [
    'Hanya di lingkungan pengembangan: token dibuat untuk peran dan unit yang dipilih.',
    'Development only: a token is minted for the chosen role and unit.',
  ],
  noSignIn: [
    'Belum ada cara masuk yang diatur. Lihat docs/console.md.',
    'No way to sign in is configured. See docs/console.md.',
  ],
  role: ['Peran', 'Role'],
  unit: ['Unit', 'Unit'],
  unitHint: [
    'Kode unit, mis. diskominfo atau 31.71.01.1001',
    'Unit code, e.g. diskominfo or 31.71.01.1001',
  ],
  name: ['Nama', 'Name'],
  channels: ['Kanal (dipisah koma; kosong = semua)', 'Channels (comma-separated; empty = all)'],
  // Navigation
  navNewComplaint: ['Pengaduan baru', 'New complaint'],
  navTickets: ['Tiket', 'Tickets'],
  navValidation: ['Antrean validasi', 'Validation queue'],
  navReview: ['Antrean tinjauan', 'Review queue'],
  navTrack: ['Lacak pengaduan', 'Track a complaint'],
  // Ticket list
  ticketsTitle: ['Tiket', 'Tickets'],
  ticketsMine: [
    'Tiket unit saya, menurut prioritas dan tenggat',
    "My unit's tickets by priority and deadline",
  ],
  ticketsEntered: ['Pengaduan yang saya input', 'Complaints I entered'],
  noTickets: ['Tidak ada tiket.', 'No tickets.'],
  trackingNumber: ['Nomor lacak', 'Tracking number'],
  status: ['Status', 'Status'],
  category: ['Kategori', 'Category'],
  kelurahan: ['Kelurahan', 'Kelurahan'],
  dueAt: ['Tenggat', 'Deadline'],
  overdue: ['Lewat tenggat', 'Overdue'],
  priority: ['Prioritas', 'Priority'],
  receivedAt: ['Diterima', 'Received'],
  loading: ['Memuat…', 'Loading…'],
  searchWords: ['Cari kata', 'Search words'],
  select: ['Pilih', 'Select'],
  search: ['Cari', 'Search'],
  allStatuses: ['Semua status', 'All statuses'],
  ticketsCount: ['tiket', 'tickets'],
  approveChosen: ['Setujui yang dipilih', 'Approve the chosen ones'],
  bulkDone: ['Disetujui', 'Approved'],
  bulkRefused: ['Ditolak sistem', 'Refused'],
  previous: ['Sebelumnya', 'Previous'],
  next: ['Berikutnya', 'Next'],
  page: ['Halaman', 'Page'],
  // Complaint form
  newComplaintTitle: ['Pengaduan baru', 'New complaint'],
  channel: ['Kanal', 'Channel'],
  reporterName: ['Nama pelapor', "Reporter's name"],
  reporterPhone: ['Telepon pelapor', "Reporter's phone"],
  reporterEmail: ['Surel pelapor', "Reporter's e-mail"],
  reporterNik: ['NIK pelapor', "Reporter's NIK"],
  reporterNikHint: [
    '16 angka; diisi bila pelapor menyebutkannya (untuk pemeriksaan data kemiskinan)',
    '16 digits; when the reporter gives it (for the poverty registry check)',
  ],
  description: ['Isi pengaduan', 'Complaint'],
  address: ['Alamat', 'Address'],
  choose: ['— pilih —', '— choose —'],
  none: ['(tidak ada)', '(none)'],
  photos: [
    'Foto (JPEG, PNG, WebP atau PDF, maks. 10 MB)',
    'Photos (JPEG, PNG, WebP or PDF, max. 10 MB)',
  ],
  point: ['Titik kejadian (lintang, bujur)', 'Where it happened (latitude, longitude)'],
  pointHint: [
    'Mis. -6.1754, 106.8272 dari tautan peta pelapor; atau pilih di peta',
    "E.g. -6.1754, 106.8272 from the reporter's map link; or pick it on the map",
  ],
  findPoint: ['Cari titik', 'Find the point'],
  pointInvalid: [
    'Tulis lintang dan bujur dipisah koma, mis. -6.1754, 106.8272',
    'Write the latitude and longitude separated by a comma, e.g. -6.1754, 106.8272',
  ],
  pickOnMap: ['Pilih di peta', 'Pick on the map'],
  closeMap: ['Tutup peta', 'Close the map'],
  mapPickTitle: ['Peta kelurahan di daratan Jakarta', "The kelurahan of Jakarta's mainland"],
  mapPickHint: [
    'Klik tempat kejadian; kelurahannya terisi sendiri.',
    'Click where it happened; its kelurahan is filled in.',
  ],
  mapZoomedHint: [
    'Diperbesar di sekitar titik: klik lagi untuk menepatkannya.',
    'Zoomed in around the point: click again to put it exactly.',
  ],
  mapWhole: ['Lihat seluruh Jakarta', 'Show the whole of Jakarta'],
  pointIn: ['Titik ada di Kelurahan', 'The point lies in Kelurahan'],
  nearestBoundary: ['terdekat; jarak ke batasnya', 'the nearest; distance to its boundary'],
  removePoint: ['Hapus titik', 'Remove the point'],
  addressSuggests: ['Saran dari alamat', 'The address suggests'],
  addressCouldMean: ['Alamat ini bisa berarti', 'The address could mean'],
  use: ['Pakai', 'Use'],
  kecamatanShort: ['Kec.', 'Kec.'],
  submit: ['Kirim', 'Submit'],
  submitting: ['Mengirim…', 'Sending…'],
  complaintSaved: [
    'Pengaduan tersimpan dengan nomor lacak',
    'Complaint saved with tracking number',
  ],
  openTicket: ['Buka tiket', 'Open the ticket'],
  draftRestored: [
    'Isian yang belum terkirim dipulihkan.',
    'The entries not yet sent were restored.',
  ],
  draftPhotos: ['Foto perlu dipilih lagi.', 'Photos need to be chosen again.'],
  clearForm: ['Kosongkan formulir', 'Clear the form'],
  // Ticket page
  ticket: ['Tiket', 'Ticket'],
  reporter: ['Pelapor', 'Reporter'],
  heldBy: ['Dipegang oleh', 'Held by'],
  history: ['Riwayat', 'History'],
  by: ['oleh', 'by'],
  deadlines: ['Tenggat per tahap', 'Deadlines by stage'],
  stage: ['Tahap', 'Stage'],
  decidedAt: ['Selesai pada', 'Done at'],
  result: ['Hasil', 'Result'],
  met: ['Tepat waktu', 'On time'],
  missed: ['Terlambat', 'Late'],
  running: ['Berjalan', 'Running'],
  paused: [
    'Tenggat berhenti: menunggu formulir permohonan pelapor.',
    "The clock stands still: waiting for the reporter's application form.",
  ],
  resolutionDue: ['Batas penyelesaian (7 hari)', 'Resolution deadline (7 days)'],
  reportPhotos: ['Foto dari pelapor', "The reporter's photos"],
  evidencePhotos: ['Bukti tindak lanjut', 'Evidence of the work'],
  photoCount: ['lampiran', 'attachments'],
  followUps: ['Tindak lanjut', 'Follow-ups'],
  notes: ['Catatan internal', 'Internal notes'],
  addNote: ['Tambah catatan', 'Add a note'],
  accept: ['Terima tiket', 'Accept the ticket'],
  followUpTitle: ['Laporkan tindak lanjut', 'Report the follow-up'],
  followUpNote: ['Apa yang sudah dikerjakan', 'What was done'],
  validateTitle: ['Validasi tindak lanjut', 'Validate the follow-up'],
  approve: ['Setujui', 'Approve'],
  reject: ['Tolak', 'Reject'],
  decisionNote: ['Catatan (wajib untuk menolak)', 'Note (required to reject)'],
  done: ['Tersimpan.', 'Saved.'],
  conflict: [
    'Tiket ini baru saja diubah orang lain. Muat ulang untuk melihat perubahannya, lalu coba lagi.',
    'Someone else has just changed this ticket. Reload to see what changed, then try again.',
  ],
  reload: ['Muat ulang', 'Reload'],
  masked: ['Data pribadi ditampilkan tersamar.', 'Personal data is shown masked.'],
  revealPhone: ['Tampilkan nomor lengkap', 'Show the full number'],
  revealNik: ['Tampilkan NIK lengkap', 'Show the full NIK'],
  revealLogged: [
    'Permintaan ini dicatat: siapa, data siapa, dan alasannya.',
    'This request is logged: who asked, whose data, and why.',
  ],
  revealReason: ['Alasan (10–500 karakter)', 'Reason (10–500 characters)'],
  reveal: ['Tampilkan', 'Show'],
  cancel: ['Batal', 'Cancel'],
  // Review queue and forwarding
  reviewTitle: ['Antrean tinjauan', 'Review queue'],
  reviewHint: [
    'Pengaduan yang menunggu Diskominfo meneruskannya ke unit yang berwenang.',
    'Complaints waiting for Diskominfo to forward them to the unit that must act.',
  ],
  forwardTitle: ['Teruskan ke unit', 'Forward to a unit'],
  rerouteTitle: ['Alihkan ke unit lain', 'Re-route to another unit'],
  takeIt: ['Saya yang menangani', "I'll handle it"],
  toUnit: ['Kode unit tujuan', "Receiving unit's code"],
  suggested: ['Saran', 'Suggested'],
  reason: ['Alasan', 'Reason'],
  forward: ['Teruskan', 'Forward'],
  reviewReason: ['Menunggu karena', 'Waiting because'],
  rejectComplaintTitle: ['Tolak pengaduan', 'Reject the complaint'],
  rejectComplaint: ['Tutup sebagai ditolak', 'Close as rejected'],
  rejectReason: [
    'Alasan (spam, di luar kewenangan, atau duplikat)',
    'Reason (spam, out of scope, or a duplicate)',
  ],
  possibleDuplicates: ['Kemungkinan duplikat', 'Possible duplicates'],
  possibleDuplicate: ['kemungkinan duplikat', 'possible duplicate'],
  duplicateNearby: [
    'kategori sama di dekatnya dalam 30 hari',
    'the same category nearby within 30 days',
  ],
  duplicateSameReporter: [
    'pelapor dan kategori sama dalam 30 hari',
    'the same reporter and category within 30 days',
  ],
  duplicateOf: ['Duplikat dari', 'A duplicate of'],
  notDuplicate: ['(bukan duplikat)', '(not a duplicate)'],
  suggestedUnit: ['Saran unit', 'Suggested unit'],
  // Validation queue
  validationTitle: ['Antrean validasi', 'Validation queue'],
  validationHint: [
    'Tindak lanjut yang menunggu validasi Diskominfo, yang terlama lebih dulu.',
    "Follow-ups waiting for Diskominfo's validation, oldest first.",
  ],
  // Dashboard
  navDashboard: ['Dasbor', 'Dashboard'],
  dashboardTitle: ['Dasbor pengaduan', 'Complaints dashboard'],
  asOf: ['Data per', 'Figures as of'],
  total: ['Semua pengaduan', 'All complaints'],
  open: ['Belum selesai', 'Still open'],
  byStatus: ['Menurut status', 'By status'],
  mapTitle: ['Pengaduan per kelurahan', 'Complaints per kelurahan'],
  mapIslands: [
    'Kepulauan Seribu tidak digambar; angkanya ada di tabel.',
    'Kepulauan Seribu is not drawn; its figures are in the table.',
  ],
  busiest: ['Kelurahan dengan pengaduan terbanyak', 'Kelurahan with the most complaints'],
  // Track
  trackTitle: ['Lacak pengaduan', 'Track a complaint'],
  trackButton: ['Lacak', 'Track'],
  updatedAt: ['Diperbarui', 'Updated'],
  // Not yet in the database (P3KE): the registry check, the application form, the triage
  notInDatabaseTitle: ['Belum terdata di P3KE', 'Not yet in the database (P3KE)'],
  notInDatabaseHint: [
    'Untuk warga miskin yang belum ada di basis data: periksa NIK, isi formulir permohonan, lalu triase.',
    'For a poor citizen not yet in the database: check the NIK, fill in the application, then triage.',
  ],
  registryCheck: ['Pemeriksaan registri', 'Registry check'],
  registryCheckButton: ['Periksa di P3KE', 'Check in P3KE'],
  nik: ['NIK', 'NIK'],
  withoutNik: ['Tidak memiliki NIK', 'Has no NIK'],
  applicationTitle: ['Formulir permohonan', 'Application form'],
  kk: ['Nomor KK', 'Family card number (KK)'],
  kkHint: ['Boleh kosong bila ada anggota tanpa NIK', 'May be empty when a member has no NIK'],
  monthlyExpenditure: [
    'Pengeluaran rumah tangga sebulan (rupiah)',
    "The household's monthly spending (rupiah)",
  ],
  members: ['Anggota rumah tangga', 'Household members'],
  member: ['Anggota', 'Member'],
  head: ['kepala keluarga', 'head of the family'],
  relation: ['Hubungan dengan kepala keluarga', 'Relationship to the head'],
  relationShort: ['Hubungan', 'Relationship'],
  sex: ['Jenis kelamin', 'Sex'],
  male: ['Laki-laki', 'Male'],
  female: ['Perempuan', 'Female'],
  birthDate: ['Tanggal lahir', 'Date of birth'],
  disability: ['Penyandang disabilitas', 'Has a disability'],
  addMember: ['Tambah anggota', 'Add a member'],
  removeMember: ['Hapus anggota', 'Remove the member'],
  conditions: ['Kondisi mendesak', 'Acute conditions'],
  conditionsHint: [
    'Salah satu saja membuat saran menjadi darurat.',
    'Any one of them makes the suggestion an emergency.',
  ],
  suggestion: ['Saran sistem', "The system's suggestion"],
  perCapita: ['Pengeluaran per kapita', 'Spending per person'],
  emergency: ['Darurat', 'Emergency'],
  notEmergency: ['Tidak darurat', 'Not an emergency'],
  triageTitle: ['Triase', 'Triage'],
  triageEmergency: [
    'Darurat: buka tiket penanganan sekarang',
    'Emergency: open a handling ticket now',
  ],
  handlingUnit: ['Unit yang menangani sekarang', 'Unit that handles it now'],
  triageDone: ['Masuk prelist untuk verifikasi lapangan', 'On the prelist for field verification'],
  childTicket: ['Tiket penanganan darurat', 'Emergency handling ticket'],
  stepWaiting: ['belum', 'not yet'],
  // The prelist: field verification and the Musyawarah Kelurahan
  navPrelist: ['Prelist', 'Prelist'],
  prelistTitle: ['Prelist verifikasi lapangan', 'Prelist for field verification'],
  prelistHintVerifier: [
    'Rumah tangga yang menunggu verifikasi agensi Anda, yang darurat lebih dulu.',
    "Households waiting for your agency's verification, emergencies first.",
  ],
  prelistHintUnit: [
    'Rumah tangga di kelurahan Anda; yang sudah diverifikasi menunggu keputusan Musyawarah Kelurahan.',
    'Households in your kelurahan; verified ones wait for the Musyawarah Kelurahan to decide.',
  ],
  prelistHintDiskominfo: [
    'Semua rumah tangga di prelist, yang darurat lebih dulu.',
    'Every household on the prelist, emergencies first.',
  ],
  noEntries: ['Tidak ada rumah tangga.', 'No households.'],
  entriesCount: ['rumah tangga', 'households'],
  household: ['Rumah tangga', 'Household'],
  verifications: ['Verifikasi', 'Verifications'],
  verifyTitle: ['Hasil verifikasi lapangan', 'Field verification result'],
  reverifyTitle: [
    'Verifikasi ulang hasil Musyawarah Kelurahan',
    "Re-verify the Musyawarah Kelurahan's result",
  ],
  householdResult: ['Hasil untuk rumah tangga', "The household's result"],
  memberResult: ['Hasil untuk', 'Result for'],
  sameAsHousehold: ['sama dengan rumah tangga', "as the household's"],
  correctedNik: [
    'NIK kepala keluarga menurut Dukcapil (bila berbeda)',
    "The head's NIK as Dukcapil records it (when different)",
  ],
  note: ['Catatan', 'Note'],
  muskelTitle: ['Keputusan Musyawarah Kelurahan', "The Musyawarah Kelurahan's decision"],
  eligible: ['Layak', 'Eligible'],
  notEligible: ['Tidak layak', 'Not eligible'],
  decision: ['Keputusan', 'Decision'],
  revealKk: ['Tampilkan nomor KK lengkap', 'Show the full KK number'],
  notFound: ['Halaman tidak ditemukan.', 'Page not found.'],
  error: ['Terjadi kesalahan', 'Something went wrong'],
} as const;

export type TextKey = keyof typeof TEXTS;

/** The ticket statuses as the decree names them, and in English. */
const STATUSES: Record<string, [string, string]> = {
  menunggu: ['Menunggu', 'Waiting for review'],
  disposisi: ['Disposisi', 'Forwarded'],
  proses: ['Proses', 'In progress'],
  menunggu_validasi: ['Menunggu validasi', 'Awaiting validation'],
  tl_ditolak: ['Tindak lanjut ditolak', 'Follow-up rejected'],
  selesai: ['Selesai', 'Done'],
  ditolak: ['Ditolak', 'Rejected'],
};

export const STATUS_CODES = Object.keys(STATUSES);

/** What happened to a ticket, as its history names it (docs/api.md, "history"). */
const EVENTS: Record<string, [string, string]> = {
  received: ['Diterima', 'Received'],
  'held-for-review': ['Menunggu tinjauan', 'Held for review'],
  located: ['Lokasi ditentukan', 'Located'],
  routed: ['Dirutekan', 'Routed'],
  assigned: ['Ditugaskan', 'Assigned'],
  disposition: ['Disposisi', 'Forwarded'],
  'returned-to-review': ['Dikembalikan ke tinjauan', 'Returned to review'],
  accepted: ['Diterima unit', 'Accepted by the unit'],
  'assignee-set': ['Penanggung jawab ditetapkan', 'Assignee set'],
  'follow-up': ['Tindak lanjut dilaporkan', 'Follow-up reported'],
  'follow-up-rejected': ['Tindak lanjut ditolak', 'Follow-up rejected'],
  approved: ['Tindak lanjut disetujui', 'Follow-up approved'],
  rejected: ['Ditolak', 'Rejected'],
  closed: ['Ditutup', 'Closed'],
  reopened: ['Dibuka kembali', 'Reopened'],
  disputed: ['Disanggah pelapor', 'Disputed by the reporter'],
  rated: ['Dinilai pelapor', 'Rated by the reporter'],
  overdue: ['Lewat tenggat', 'Deadline missed'],
  'duplicate-linked': ['Ditandai duplikat', 'Linked as a duplicate'],
  recategorised: ['Kategori diubah', 'Recategorised'],
  prioritised: ['Prioritas diubah', 'Priority changed'],
  attached: ['Lampiran ditambahkan', 'Attachment added'],
  'evidence-published': ['Bukti dipublikasikan', 'Evidence published'],
  'evidence-withdrawn': ['Bukti ditarik', 'Evidence withdrawn'],
  note: ['Catatan internal', 'Internal note'],
  'registry-check': ['Pemeriksaan registri', 'Registry check'],
  application: ['Formulir permohonan', 'Application form'],
  triage: ['Triase', 'Triage'],
  'emergency-opened': ['Tiket darurat dibuka', 'Emergency ticket opened'],
  'registration-opened': ['Tiket pendaftaran dibuka', 'Registration ticket opened'],
  'prelist-stage': ['Tahap prelist', 'Prelist stage'],
};

/**
 * The names of codes the API answers with: what a channel knows of a complaint (docs/api.md, "An
 * operator's body"), the registry check's results, poverty levels, acute conditions, the prelist's
 * stages and the verifiers' results.
 */
const TERMS: Record<string, [string, string]> = {
  handle: ['Akun pengirim', 'Sender account'],
  postUrl: ['Alamat unggahan', 'Post address'],
  fromAddress: ['Surel pengirim', "Sender's e-mail"],
  subject: ['Subjek', 'Subject'],
  senderNumber: ['Nomor pengirim', "Sender's number"],
  receivingOffice: ['Kode kantor penerima', "Receiving office's code"],
  mediaOutlet: ['Media', 'Outlet'],
  articleUrl: ['Alamat berita', 'Article address'],
  laporTrackingId: ['Nomor LAPOR!', 'LAPOR! tracking id'],
  registered_receiving: ['Terdaftar, menerima program', 'Registered, receiving a programme'],
  registered_not_receiving: [
    'Terdaftar, belum menerima program',
    'Registered, not receiving a programme',
  ],
  not_registered: ['Belum terdaftar', 'Not registered'],
  ekstrem: ['Miskin ekstrem', 'Extremely poor'],
  miskin: ['Miskin', 'Poor'],
  tidak_miskin: ['Tidak miskin', 'Not poor'],
  no_food_today: ['Tidak ada makanan hari ini', 'No food today'],
  losing_shelter: ['Kehilangan tempat tinggal', 'Losing their shelter'],
  serious_illness_without_care: ['Sakit berat tanpa perawatan', 'Seriously ill without care'],
  disability_or_old_age_without_carer: [
    'Disabilitas atau lanjut usia tanpa pendamping',
    'Disabled or elderly without a carer',
  ],
  child_at_risk: ['Anak dalam bahaya', 'A child at risk'],
  disaster: ['Terdampak bencana', 'Hit by a disaster'],
  violence: ['Mengalami kekerasan', 'Suffering violence'],
  menunggu_verifikasi: ['Menunggu verifikasi', 'Awaiting verification'],
  diverifikasi: ['Diverifikasi', 'Verified'],
  layak: ['Layak', 'Eligible'],
  tidak_layak: ['Tidak layak', 'Not eligible'],
  dikirim: ['Dikirim ke Kemensos', 'Sent to the ministry'],
  ditetapkan: ['Ditetapkan', 'Decided'],
  ditemukan: ['Ditemukan', 'Found'],
  meninggal: ['Meninggal', 'Deceased'],
  pindah: ['Pindah', 'Moved away'],
  tidak_ditemukan: ['Tidak ditemukan', 'Not found'],
  forward: ['Meneruskan', 'Forwarding'],
  respond: ['Menanggapi', 'Responding'],
  coordinate: ['Berkoordinasi', 'Coordinating'],
  resolve: ['Menyelesaikan', 'Resolving'],
  validate: ['Memvalidasi', 'Validating'],
  dppapp: ['DPPAPP', 'DPPAPP'],
  dinsos: ['Dinas Sosial', 'Social Affairs (Dinsos)'],
  disdukcapil: ['Disdukcapil', 'Civil Registry (Disdukcapil)'],
};

export const ROLE_NAMES: Record<string, [string, string]> = {
  operator: ['Operator kanal', 'Channel operator'],
  diskominfo: ['Diskominfo', 'Diskominfo'],
  unit: ['Kelurahan / perangkat daerah', 'Kelurahan / agency'],
  verifier: ['Verifikator', 'Verifier'],
  dashboard: ['Dasbor', 'Dashboard'],
  admin: ['Admin', 'Admin'],
};

export interface Texts {
  language: Language;
  t: (key: TextKey) => string;
  status: (code: string) => string;
  role: (code: string) => string;
  /** A code's name: a channel detail, a registry result, a prelist stage, … (TERMS) */
  term: (code: string) => string;
  /** What a history event records (EVENTS) */
  event: (type: string) => string;
  dateTime: (iso: string | null | undefined) => string;
}

export function textsFor(language: Language): Texts {
  const n = language === 'id' ? 0 : 1;
  const format = new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Jakarta',
  });
  return {
    language,
    t: (key) => TEXTS[key][n],
    status: (code) => STATUSES[code]?.[n] ?? code,
    role: (code) => ROLE_NAMES[code]?.[n] ?? code,
    term: (code) => TERMS[code]?.[n] ?? code,
    event: (type) => EVENTS[type]?.[n] ?? type,
    dateTime: (iso) => (iso ? format.format(new Date(iso)) : '—'),
  };
}

export const TextsContext = createContext<Texts>(textsFor('id'));
export const useTexts = () => useContext(TextsContext);
