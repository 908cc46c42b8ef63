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
  submit: ['Kirim', 'Submit'],
  submitting: ['Mengirim…', 'Sending…'],
  complaintSaved: [
    'Pengaduan tersimpan dengan nomor lacak',
    'Complaint saved with tracking number',
  ],
  openTicket: ['Buka tiket', 'Open the ticket'],
  // Ticket page
  ticket: ['Tiket', 'Ticket'],
  reporter: ['Pelapor', 'Reporter'],
  heldBy: ['Dipegang oleh', 'Held by'],
  history: ['Riwayat', 'History'],
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

/** What a channel knows of a complaint (docs/api.md, "An operator's body"). */
const DETAILS: Record<string, [string, string]> = {
  handle: ['Akun pengirim', 'Sender account'],
  postUrl: ['Alamat unggahan', 'Post address'],
  fromAddress: ['Surel pengirim', "Sender's e-mail"],
  subject: ['Subjek', 'Subject'],
  senderNumber: ['Nomor pengirim', "Sender's number"],
  receivingOffice: ['Kode kantor penerima', "Receiving office's code"],
  mediaOutlet: ['Media', 'Outlet'],
  articleUrl: ['Alamat berita', 'Article address'],
  laporTrackingId: ['Nomor LAPOR!', 'LAPOR! tracking id'],
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
  /** A channel detail's name (senderNumber, handle, …) */
  detail: (key: string) => string;
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
    detail: (key) => DETAILS[key]?.[n] ?? key,
    dateTime: (iso) => (iso ? format.format(new Date(iso)) : '—'),
  };
}

export const TextsContext = createContext<Texts>(textsFor('id'));
export const useTexts = () => useContext(TextsContext);
