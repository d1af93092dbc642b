"""Which person a "-nya" cue or a pronoun means: the subject of a clause, not a name in passing."""

from __future__ import annotations

from newstrace.claims import Claim, extract_claims
from newstrace.claims.subjects import is_subject
from newstrace.lang import merged


def _direct(text: str) -> list[Claim]:
    return [claim for claim in extract_claims(text) if claim.kind == "direct"]


def _role(text: str, name: str) -> str | None:
    start = text.index(name)
    return is_subject(text, start, start + len(name), merged())


def test_a_name_opening_its_clause_before_a_verb_is_a_subject() -> None:
    assert _role("Namun, Rudi Hartono berharap hujan segera reda.", "Rudi Hartono") == "subject"
    assert _role("Sementara itu Bupati Sragen Sri Lestari meninjau pasar.", "Bupati Sragen Sri Lestari") == "subject"


def test_a_name_after_a_verb_or_before_a_preposition_is_no_subject() -> None:
    assert _role("Warga menyambut Gubernur Ani Rahayu dengan tarian.", "Gubernur Ani Rahayu") is None
    assert _role("Hal itu disinggung Presiden Budi Santoso dalam pidatonya.", "Presiden Budi Santoso") is None
    assert _role("Buku itu ditulis Raja Mataram, yang memerintah lama.", "Raja Mataram") is None


def test_the_agent_of_a_speech_word_is_a_speaker() -> None:
    assert _role("Menurut Dewi Kartika, harga beras naik.", "Dewi Kartika") == "speaker"
    assert _role("Hal senada disampaikan Tono Wijaya (20), warga setempat.", "Tono Wijaya") == "speaker"
    assert _role("Pekan lalu, lanjut Hendra Gunawan, stok beras aman.", "Hendra Gunawan") == "speaker"
    assert _role("Kepala Desa Sukamaju Joko Susilo mengatakan, jalan rusak.", "Kepala Desa Sukamaju Joko Susilo") == (
        "speaker"
    )


def test_a_role_or_a_relative_clause_set_off_by_commas_is_passed_over() -> None:
    text = "Saat dihubungi, Andi Pratama, kuasa hukum keluarga korban, menyatakan siap membantu."
    assert _role(text, "Andi Pratama") == "speaker"
    text = "Kepala Dinas Kesehatan Sumbar Yudi Hartanto, yang juga ketua tim, menjelaskan, stok cukup."
    assert _role(text, "Kepala Dinas Kesehatan Sumbar Yudi Hartanto") == "speaker"
    assert _role("Pesertanya Bayu Setiawan, dan sejumlah guru.", "Bayu Setiawan") is None


def test_nya_means_the_subject_of_the_last_clause_not_a_name_in_passing() -> None:
    text = (
        "Dosen sosiologi Universitas Tanjungsari, Rudi Hartono, menilai kebijakan itu tepat. "
        "Namun, Rudi berharap kebijakan itu tidak sesaat. Ia juga mengingatkan janji Presiden "
        "Budi Santoso dalam pidato tahun lalu. ”Yang penting konsisten,” ucapnya."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Rudi Hartono"


def test_nya_after_a_passive_speech_verb_means_its_agent_without_a_title() -> None:
    text = (
        "”Kami berjaga sampai pagi,” ujar Ketua Kelompok Pemuda Desa Karangsari Latif Nugroho. "
        "Hal senada disampaikan Rina Marlina (19), anggota kelompok itu. Ia senang ikut berjaga. "
        "”Kami membawa senter dan berhati-hati,” katanya."
    )
    first, second = _direct(text)
    assert first.speaker == "Latif Nugroho"
    assert second.speaker == "Rina Marlina"


def test_nya_after_a_name_at_the_clause_start_resolves_to_the_full_name() -> None:
    text = (
        "Guru besar Institut Pertanian Kediri Made Wiratama meneliti tenun sejak lama. Menurut Made, "
        "tenun disebut dalam naskah kuno karya Raja Surakerta IV. Naskah itu berusia ratusan tahun. "
        "”Ini bukti tenun berasal dari Sumba,” ujarnya."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Made Wiratama"


def test_an_organisation_opening_a_clause_is_no_speaker() -> None:
    text = (
        "Direktur Utama Elang Wisata Danang Prihantoro memastikan pesawat disemprot disinfektan. "
        "”Kebersihan kabin kami jaga,” katanya. Dalam aturan baru, Elang Wisata mewajibkan penumpang "
        "datang lebih awal. ”Penumpang harus menjaga jarak,” ujarnya."
    )
    first, second = _direct(text)
    assert first.speaker == second.speaker == "Danang Prihantoro"


def test_a_name_set_off_by_commas_after_its_role_is_a_person_without_a_title() -> None:
    text = (
        "”Razia masker digelar tiap malam,” kata Kepala Satpol PP Kota Depok Rudi Hermawan. "
        "Pengajar sosiologi Universitas Negeri Kupang, Rina Kusuma, mengapresiasi razia itu. "
        "Namun, Rina berharap razia tidak sesaat. ”Kalau hanya sesaat, pelanggaran berulang,” ucapnya."
    )
    first, second = _direct(text)
    assert first.speaker == "Rudi Hermawan"
    assert second.speaker == "Rina Kusuma"


def test_a_full_name_after_a_long_role_is_the_subject_not_a_word_of_the_role() -> None:
    text = (
        "”Ojek daring harus mematuhi aturan,” kata Kepala Dinas Perhubungan Kota Cirebon Ahmad Yusron. "
        "Ketua Dewan Pimpinan Daerah Organisasi Angkutan Kota di Jalan Raya (Orkot) Jawa Barat "
        "Sutrisno Hadi mempertanyakan langkah aplikator. ”Partisi plastik belum tentu aman,” katanya."
    )
    first, second = _direct(text)
    assert second.speaker == "Sutrisno Hadi"


def test_a_subheading_run_into_the_text_does_not_hide_the_subject_after_it() -> None:
    text = "Pemeriksaan selesai sore itu. Sudah diingatkan Wakil Ketua KPK Hadi Susanto menyayangkan korupsi itu."
    assert _role(text, "Wakil Ketua KPK Hadi Susanto") == "subject"
    text = "Pemeriksaan selesai sore itu. Dia memanggil Hadi Susanto kemarin."
    assert _role(text, "Hadi Susanto") is None


def test_the_subject_of_a_hedged_sentence_may_speak_next() -> None:
    text = (
        "”Kami masih memeriksa saksi,” kata Juru Bicara KPK Dimas Prasetyo. Wakil Ketua KPK Hana "
        "Pertiwi menyayangkan korupsi yang diduga melibatkan bupati itu. ”Kami sudah mengingatkan "
        "para pejabat,” katanya."
    )
    first, second = _direct(text)
    assert first.speaker == "Dimas Prasetyo"
    assert second.speaker == "Hana Pertiwi"


def test_roles_joined_by_sekaligus_make_one_role_before_the_subject() -> None:
    text = (
        "”Saya baru akan mencoba pekan depan,” kata Karyono. Sementara itu, Pendiri sekaligus Pembina Komunitas "
        "Sepeda Kota (SPK) Toto Susilo mengapresiasi jalur sepeda itu. ”Jalur ini membuat kami aman,” katanya."
    )
    first, second = _direct(text)
    assert second.speaker == "Toto Susilo"


def test_a_phrase_set_off_by_dashes_after_the_role_leaves_the_verb_to_the_name() -> None:
    text = (
        "Gedung itu terbakar. Dimas, Kepala Regu C dari Pos Pemadam Sektor III, Cilandak, Jakarta Selatan — "
        "regu yang tiba pertama — menuturkan, hidran di halaman kering."
    )
    assert _role(text, "Dimas") == "speaker"


def test_a_name_the_text_quotes_by_is_a_person_wherever_it_is_written() -> None:
    text = (
        "”Harga cabai naik dua kali lipat,” kata Darmin, pedagang di Pasar Induk. "
        "Menteri Perdagangan Sri Lestari Wulan meninjau pasar itu pada Senin. "
        "Darmin berharap pasokan dari petani segera pulih. "
        "”Kami ingin harga kembali normal,” ujarnya."
    )
    first, second = _direct(text)
    assert first.speaker == "Darmin"
    assert second.speaker == "Darmin"


def test_dirinya_is_a_pronoun_and_a_journalists_opening_participle_is_no_name() -> None:
    text = (
        "Kepala Dinas Kesehatan Kota Sukamaju Rina Wulandari meninjau puskesmas pada Senin. "
        "Dirinya menegaskan, stok vaksin masih cukup. ”Warga tidak perlu khawatir,” ujarnya. "
        "Ditanya soal harga beras, petugas gudang mengatakan harga akan turun pekan depan."
    )
    claims = extract_claims(text)
    assert [claim.speaker for claim in claims if claim.cue == "ujarnya"] == ["Rina Wulandari"]
    assert [claim.speaker for claim in claims if claim.cue == "menegaskan"] == ["Rina Wulandari"]
    assert all(claim.speaker != "Ditanya" for claim in claims)


def test_a_bare_name_a_cue_set_off_by_commas_names_is_the_person_a_later_nya_means() -> None:
    text = (
        "Warga memadati alun-alun kota pada Minggu. Semua pedagang, kata Anton, mendapat tempat baru. "
        "”Kami sudah menyiapkan dua ratus lapak,” ujarnya."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Anton"


def test_the_agent_of_a_passive_verb_closing_its_clause_acts() -> None:
    assert _role("Peresmian pasar itu dihadiri oleh Dewi Lestari.", "Dewi Lestari") == "subject"
    assert _role("Acara itu dipimpin Rudi Hartono, pengusaha kuliner.", "Rudi Hartono") == "subject"
    assert _role("Acara itu dipimpin Rudi Hartono dan berlangsung lama.", "Rudi Hartono") is None


def test_nya_after_a_passive_agent_brought_in_at_the_sentence_end_means_that_agent() -> None:
    text = (
        "Ketua panitia Sinta Maharani menjelaskan, lomba masak diikuti 40 peserta. "
        "Acara itu juga dihadiri Bagas Wiryawan, juru masak hotel di Bandung. "
        "”Bumbu lokal tidak kalah rasanya,” ujarnya. Bagas menambahkan, restoran besar jarang memakainya."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Bagas Wiryawan"


def test_a_sentence_backing_the_one_before_goes_on_in_the_earlier_speaker_s_words() -> None:
    text = (
        "Pengamat transportasi Rina Kusuma menilai tarif ojek seharusnya turun. Apalagi, Menteri "
        "Perhubungan Budi Santoso sudah menegaskan harga bahan bakar turun bulan lalu. ”Penumpang berhak "
        "atas tarif yang adil,” ujarnya."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Rina Kusuma"
    start = text.index("Menteri")
    assert is_subject(text, start, text.index(" sudah"), merged()) is None


def test_a_name_with_an_age_and_a_role_set_off_is_a_person_introduced_to_speak() -> None:
    text = (
        "Andi Saputra (34), pengemudi ojek daring, mengaku pendapatannya turun. Dalam sehari ia hanya "
        "mendapat tiga penumpang. ”Dulu bisa sepuluh,” ujarnya. Padahal, Gubernur Jawa Barat Ridwan Kamil "
        "sudah menjanjikan bantuan. ”Sampai sekarang belum ada,” katanya."
    )
    first, second = _direct(text)
    assert first.speaker == second.speaker == "Andi Saputra"
    text = "Petani di Desa Sukamaju, Sari Dewi (45), mengeluhkan harga pupuk. ”Harganya naik dua kali lipat,” katanya."
    (claim,) = _direct(text)
    assert claim.speaker == "Sari Dewi"


def test_a_passive_agent_introduced_by_a_role_after_a_comma_speaks_next() -> None:
    text = (
        "Kepala Dinas Pendidikan Kupang Yohanes Bria mengakui gaji guru honorer terlambat. "
        "Nasib serupa dialami Lina Marlina, guru honorer di Kupang. Gajinya belum dibayar tiga bulan. "
        "”Saya harus berutang,” katanya."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Lina Marlina"


def test_a_one_word_name_after_a_passive_speech_verb_is_a_person_who_speaks_next() -> None:
    text = (
        "Kepala Dinas Kesehatan Kota Malang Rudi Hartono mengatakan, vaksinasi berjalan lancar. ”Stok vaksin "
        "masih cukup,” ujarnya. Hal itu juga ditegaskan Sutiaji saat meninjau puskesmas. Sutiaji meminta "
        "warga tidak takut. ”Vaksin aman,” katanya."
    )
    first, second = _direct(text)
    assert first.speaker == "Rudi Hartono"
    assert second.speaker == "Sutiaji"


def test_the_subject_of_a_passive_verb_undergoes_it_and_does_not_speak_next() -> None:
    text = (
        "Kepala Dinas Kesehatan Kota Malang Rudi Hartono mengatakan, vaksinasi berjalan lancar. Vaksin "
        "pertama diberikan kepada tenaga kesehatan. Wali Kota Malang Sutiaji sudah divaksin pekan lalu. "
        "”Stok vaksin masih cukup,” ujarnya."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Rudi Hartono"
    assert _role(text, "Wali Kota Malang Sutiaji") is None
