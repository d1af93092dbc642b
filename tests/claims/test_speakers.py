"""Who said it: speakers' names, roles and pronouns on short hand-written Indonesian text."""

from __future__ import annotations

from newstrace.claims import Claim, extract_claims
from newstrace.claims.mentions import Words
from newstrace.lang import merged


def _direct(text: str) -> list[Claim]:
    return [claim for claim in extract_claims(text) if claim.kind == "direct"]


def test_a_role_with_its_acronym_in_brackets_keeps_the_name_after_it() -> None:
    text = (
        "Ketua Umum Ikatan Ahli Kesehatan Masyarakat Indonesia (IAKMI) Ede Surya Darmawan "
        "mengingatkan agar masyarakat berhati-hati. ”Kita harus tetap memakai masker,” ujarnya."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Ede Surya Darmawan"
    assert claim.speaker_role is not None and claim.speaker_role.endswith("(IAKMI)")


def test_a_lowercase_title_before_the_name_goes_on_with_the_role() -> None:
    text = "”Kasus baru turun,” kata Juru Bicara Gugus Tugas Kendari dr Algazali."
    (claim,) = _direct(text)
    assert claim.speaker == "Algazali"


def test_a_short_name_grows_over_name_particles() -> None:
    text = (
        "Gubernur Bali I Wayan Koster meninjau pasar. Wayan Koster lalu menemui pedagang. "
        "”Semua pedagang wajib memakai masker,” kata Koster."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "I Wayan Koster"


def test_words_of_the_body_before_a_name_stay_in_the_role() -> None:
    text = (
        "Banjir melanda Kabupaten Indramayu. Ketua Bawaslu Indramayu Nurhadi meminta warga waspada. "
        "”Kami terus memantau,” kata Nurhadi."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Nurhadi"


def test_nya_names_the_person_mentioned_last_before_the_quote() -> None:
    text = (
        "”Kami sudah bekerja keras,” kata Menteri Kesehatan Budi Santoso. Sementara itu, ekonom "
        "Universitas Indonesia Faisal Basri menilai kebijakan itu terlambat. Anggaran juga belum "
        "cair. ”Pemerintah terlambat mengambil keputusan,” ujarnya."
    )
    first, second = _direct(text)
    assert first.speaker == "Budi Santoso"
    assert second.speaker == "Faisal Basri"


def test_a_handle_does_not_make_a_name_a_common_word() -> None:
    text = (
        "Gubernur Jawa Timur Khofifah Indar Parawansa mengumumkan hasil tesnya melalui Instagram "
        "khofifah.ip, Sabtu. ”Saya dinyatakan positif,” kata Khofifah."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Khofifah Indar Parawansa"


def test_a_quoted_nickname_inside_a_sentence_is_no_quote() -> None:
    text = (
        "Wali Kota Bogor Bima Arya memastikan, pada Senin, ”kota hujan” tersebut kembali masuk zona "
        "oranye. ”Kepastian itu berdasarkan laporan satuan tugas,” kata Bima."
    )
    (claim,) = _direct(text)
    assert claim.quote == "Kepastian itu berdasarkan laporan satuan tugas"
    assert claim.speaker == "Bima Arya"


def test_a_bare_name_after_the_cue_stays_in_the_full_name() -> None:
    # "Sigit" also opens another name: that is no sign that it belongs to the role here,
    # since the text itself calls the speaker "Listyo".
    text = (
        "Kepala Bareskrim Polri Komisaris Jenderal Listyo Sigit Prabowo memimpin pemeriksaan. "
        "Pakar hukum Sigit Riyanto menilai pemeriksaan itu penting. "
        "”Kami akan mendalami surat itu,” kata Listyo."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Listyo Sigit Prabowo"


def test_a_capitalised_word_opening_a_sentence_does_not_take_a_name_into_a_phrase() -> None:
    # "Bagi Toto ..." opens a sentence: "Bagi" is a common word there, not part of a phrase
    # that would make "Toto" a word of the role.
    text = (
        "Pembina Komunitas Bike to Work (B2W) Toto Sugito mengajak warga bersepeda. "
        "Bagi Toto, bersepeda adalah cara sehat ke kantor. Ia bersepeda setiap hari bagi kesehatannya. "
        "”Sepeda itu murah dan sehat,” katanya."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Toto Sugito"


def test_a_short_name_takes_the_full_name_set_off_by_commas_earlier() -> None:
    text = (
        "Secara terpisah, epidemiolog Universitas Tanjungsari, Dewi Sri Ayu Lestari, menilai tes perlu "
        "diperbanyak. ”Tes cepat harus dipercepat,” ucap Ayu."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Dewi Sri Ayu Lestari"


def test_a_short_name_does_not_take_the_body_written_before_its_full_name() -> None:
    text = (
        "Ketua Pimpinan Wilayah Jamiyah Santri Jawa Tengah Fathul Anwar meminta warga salat di rumah. "
        "”Ibadah di rumah tetap bernilai,” kata Fathul."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Fathul Anwar"


def test_a_capitalised_word_opening_a_sentence_does_not_make_a_first_name_a_role() -> None:
    text = (
        "Wali Kota Kediri Bima Saputra sempat dirawat. Praktis Bima hanya bertemu perawat. "
        "Bima Saputra kini sudah sembuh. ”Saya bersyukur bisa pulang,” ujarnya."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Bima Saputra"


def test_a_word_written_alone_as_a_body_leaves_a_name_the_person_goes_by_another_word_of() -> None:
    text = (
        "Otoritas Jasa Keuangan menghentikan kegiatan Vestara. Direktur Utama Vestara Galih Surya "
        "Permana membantah tuduhan itu. ”Kami tidak pernah memegang rekening nasabah,” ujarnya. "
        "Sejumlah klien sudah menemui Galih."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Galih Surya Permana"


def test_a_common_word_the_text_makes_a_speakers_name_stays_in_the_full_name() -> None:
    # "Agung" also names bodies ("Mahkamah Agung"); after "kata" it is the speaker's name.
    text = (
        "Kepala Badan Ketahanan Pangan Kabupaten Tanjungsari Agung Wirawan meninjau pasar. "
        "”Stok bawang cukup,” katanya. Namun, kata Agung, distribusi perlu diawasi."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Agung Wirawan"


def test_a_place_before_a_short_name_does_not_hide_the_full_name_given_earlier() -> None:
    text = (
        "”Pencarian dilanjutkan besok,” kata Koordinator Pos SAR Sukamaju Hendra Wijaya. Posko ada "
        "di Sukamaju. Korban dibawa ke RSUD Sekarwangi Sukamaju Hendra menambahkan, cuaca buruk. ”Ombak "
        "mencapai dua meter,” kata Hendra."
    )
    first, second = _direct(text)
    assert first.speaker == second.speaker == "Hendra Wijaya"


def test_a_long_role_with_joining_words_and_an_acronym_ends_in_the_speakers_name() -> None:
    text = (
        "Presidium Asosiasi Industri Anyaman dan Kerajinan Indonesia (AIAKI) Sarwono mengatakan, bahan "
        "baku industri anyaman langka. ”Kami membeli pandan lebih mahal,” katanya."
    )
    reported = [claim for claim in extract_claims(text) if claim.kind == "reported"]
    assert reported and reported[0].speaker == "Sarwono"
    (claim,) = _direct(text)
    assert claim.speaker == "Sarwono"


def test_a_body_set_off_by_commas_inside_the_role_leaves_the_name_after_it() -> None:
    text = "”Almarhum sakit jantung,” kata Kepala Humas, Rumah Sakit Umum Pusat Dr Wirasena, Tono Hartanto, Rabu."
    (claim,) = _direct(text)
    assert claim.speaker == "Tono Hartanto"


def test_a_numbered_unit_goes_on_with_the_role() -> None:
    text = "”Kereta sedang dilangsir,” kata Manajer Humas PT KRN Daop 6 Yogyakarta Supriyadi."
    (claim,) = _direct(text)
    assert claim.speaker == "Supriyadi"


def test_ministry_abbreviations_and_party_names_stay_in_the_role() -> None:
    text = (
        "”Penumpang wajib memakai masker,” kata Direktur Jenderal Perhubungan Darat Kemenhub Sigit "
        "Rahardjo. Wakil Sekjen Partai Gerindra Yusuf Wibowo menilai aturan itu tepat. ”Kami "
        "mendukung,” katanya."
    )
    first, second = _direct(text)
    assert first.speaker == "Sigit Rahardjo"
    assert second.speaker == "Yusuf Wibowo"


def test_a_nickname_made_of_the_heads_of_a_full_name_resolves_to_it() -> None:
    text = (
        "Ketua MPR Hasbi Lukman membuka sidang tahunan. Dalam pidatonya, Ketua MPR Hasluk meminta "
        "semua anggota hadir. ”Sidang harus kuorum,” katanya."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Hasbi Lukman"


def test_a_nickname_needs_the_heads_of_the_words_in_order() -> None:
    text = "Menteri Sosial Dwi Kusumawati meninjau dapur umum. ”Semua warga harus makan,” kata Wati."
    (claim,) = _direct(text)
    assert claim.speaker == "Wati"


def test_a_palembang_noble_title_leads_the_name_a_short_mention_grows_over() -> None:
    text = (
        "Ketua Yayasan Masjid Agung Jambi Kiagus Arif Fadli membatasi jemaah. Namun, ungkap "
        "Arif, warga boleh salat di masjid terdekat. ”Masjid ditutup bila penuh,” ujar Arif."
    )
    claims = _direct(text)
    assert claims[-1].speaker == "Kiagus Arif Fadli"


def test_a_titled_role_joined_over_several_bodies_ends_in_the_reporting_speakers_name() -> None:
    text = (
        "Kepala Subdirektorat Industri Bambu dan Pandan Direktorat Hasil Kebun Kemenperin Sukardi "
        "mengatakan, pihaknya menyiapkan harga acuan pandan. ”Kuota ekspor tetap kami batasi,” ujarnya."
    )
    reported = [claim for claim in extract_claims(text) if claim.kind == "reported"]
    assert reported and reported[0].speaker == "Sukardi"
    (claim,) = _direct(text)
    assert claim.speaker == "Sukardi"


def test_two_titled_people_joined_by_dan_keep_the_first_as_the_subject() -> None:
    text = "Menteri Sosial Budi Santoso dan Menteri Keuangan Ani Lestari mengatakan, bantuan segera cair."
    reported = [claim for claim in extract_claims(text) if claim.kind == "reported"]
    assert reported and reported[0].speaker == "Budi Santoso"


def test_initials_right_after_a_rank_open_the_name() -> None:
    text = (
        "Kepala Polda Maluku Inspektur Jenderal AB Santoso Wirawan meninjau pos pengamanan di pelabuhan. "
        "”Kami siaga penuh selama libur panjang,” kata Santoso."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "AB Santoso Wirawan"


def test_a_religion_after_a_common_noun_is_no_speaker() -> None:
    text = (
        "Menteri Agama Hasan Basri meminta warga beribadah di rumah. Sebab, sebagian umat Muslim menilai "
        "aturan itu terlalu ketat. ”Kami mohon warga bersabar sampai wabah reda,” ujarnya."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Hasan Basri"


def test_the_word_after_masjid_names_the_mosque_even_after_a_title() -> None:
    text = (
        "Imam Besar Masjid Baiturrahman Joko Susilo meminta jemaah membawa sajadah sendiri. "
        "”Jarak antarjemaah tetap satu meter,” ucapnya."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Joko Susilo"


def test_the_body_a_title_heads_comes_before_the_name() -> None:
    text = (
        "Aplikasi itu kini dipakai sejuta orang. ”Kami ingin produk lokal mendunia,” kata CEO Kopikita "
        "Budi Hartanto Wijaya. Co-founder Tehmanis Rina Maharani menyatakan, acara itu menjadi panggung "
        "produk lokal. ”Ini teh terbaik dari kebun kami,” katanya."
    )
    first, second = _direct(text)
    assert first.speaker == "Budi Hartanto Wijaya"
    assert first.speaker_role == "CEO Kopikita"
    assert second.speaker == "Rina Maharani"


def test_a_name_after_dan_in_an_apposition_is_talked_about() -> None:
    text = (
        "Saat dikonfirmasi, Rudi Hartono, kuasa hukum yayasan dan Bambang Sutrisno, menyatakan, pihaknya "
        "menghormati keputusan itu. ”Kami hormati, terima kasih,” ujarnya."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Rudi Hartono"


def test_the_word_the_text_calls_a_speaker_by_opens_the_name() -> None:
    text = (
        "Menurut Kepala Riset PT Laba Kencana Hadi Wiyono, investor perlu berhati-hati. ”Pelajari dulu "
        "legalitas lembaganya,” ujarnya. Pengamat pasar Bursa Sentosa Ahmad Fauzi Rahman menilai harga akan "
        "naik. ”Permintaan sedang tinggi,” ujarnya. ”Harga saham bisa turun tajam,” ujar Hadi. ”Stok harus "
        "cukup,” kata Fauzi."
    )
    first, second, third, fourth = _direct(text)
    assert first.speaker == third.speaker == "Hadi Wiyono"
    assert second.speaker == fourth.speaker == "Ahmad Fauzi Rahman"  # a particle before the given name stays


def test_a_given_name_closing_a_role_s_run_is_the_person_the_text_calls_so() -> None:
    # No full stop after the hospital's name: the run goes on into the speaker's given name.
    text = (
        "Pencarian dipimpin Koordinator Pos SAR Kendal Bagus Pratama. ”Kami menyisir pantai utara,” kata Bagus. "
        "Kedua korban dirawat di RSUD Soewondo Kendal Bagus menjelaskan, pencarian dilanjutkan besok. "
        "”Cuaca mulai membaik,” lanjutnya."
    )
    first, second = _direct(text)
    assert first.speaker == second.speaker == "Bagus Pratama"


def test_a_sentence_with_a_cue_set_off_by_commas_is_its_speaker_s_words() -> None:
    text = (
        "”Saya mengenal beliau sejak muda,” kata Hartono Wibisono. Saat itu, ujar dia, sebagai komandan, "
        "Letnan Kolonel Suryo Pranoto datang ke kampungnya. ”Kami sering makan bersama,” ujarnya."
    )
    first, second = _direct(text)
    assert first.speaker == second.speaker == "Hartono Wibisono"


def test_the_agent_of_a_passive_cue_may_follow_an_adverb() -> None:
    text = (
        "Bupati Sleman Sri Purnomo menyampaikan duka cita. Hal itu juga diungkapkan langsung Ketua Umum PGRI "
        "Slamet Riyadi. ”Semoga keluarga diberi ketabahan,” katanya."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Slamet Riyadi"


def test_running_mates_joined_by_a_hyphen_are_two_people() -> None:
    text = (
        "Rumah relawan pasangan Dewi Sartika Wulan-Bima Santoso dilempari batu. Bupati Dewi meminta pendukung tetap "
        "tenang. ”Serahkan semuanya kepada polisi,” ucapnya. Tim pasangan Citra-Bima, menurut Rudi Hartono, "
        "sekretaris tim kampanye Citra-Bima, belum menerima laporan. ”Kami menunggu data,” katanya."
    )
    first, second = _direct(text)
    assert first.speaker == "Dewi Sartika Wulan"
    assert second.speaker == "Rudi Hartono"


def test_a_repeated_common_word_is_no_name() -> None:
    words = Words(merged(), "Kritikan-kritikan itu ditujukan kepada Yu Hyun-koo.")
    assert not words.is_name("Kritikan-kritikan")
    assert not words.is_name("Anak-anaknya")
    assert words.is_name("Hyun-koo")  # a Korean given name, not a repeated word


def test_a_name_the_text_says_a_person_goes_by_resolves_to_the_full_name() -> None:
    text = (
        "Wakil Wali Kota Sukamaju Teuku Rizal Mahendra, yang akrab disapa Ompong, meninjau pasar di Sukamaju. "
        "Ompong menambahkan, pasar dibuka kembali pekan depan. ”Pedagang wajib memakai masker,” ujarnya. "
        "”Pengunjung dibatasi,” kata Ompong."
    )
    first, second = _direct(text)
    assert first.speaker == "Teuku Rizal Mahendra"
    assert second.speaker == "Teuku Rizal Mahendra"


def test_a_word_of_the_name_that_another_person_shares_stays_in_the_name() -> None:
    text = (
        "Ketua Kelompok Tani Subak Uma Ketut Arta meminta air irigasi di Tabanan dibagi adil. "
        "Wakil Bupati Tabanan Made Arta Suwena menambahkan, pemerintah akan memperbaiki saluran. "
        "”Perbaikan selesai bulan depan,” ujarnya."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Made Arta Suwena"


def test_a_body_named_after_pihak_is_no_person_a_pronoun_stands_for() -> None:
    text = (
        "Pendiri sekaligus CEO Kopikita Budi Hartanto menyatakan, perusahaannya hanya memberi saran. "
        "Sebelum memberi saran, pihak Kopikita memastikan setiap risiko dijelaskan kepada klien. "
        "Dia membantah informasi bahwa dana klien dipegang perusahaan. "
        "”Kami hanya memberi nasihat keuangan,” ujarnya."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Budi Hartanto"


def test_a_body_after_pihak_speaks_whatever_opens_the_sentence() -> None:
    text = "Seperti diketahui, pihak PT Sinar Harapan telah mengonfirmasi jadwal peluncuran produk baru itu."
    (claim,) = extract_claims(text)
    assert claim.speaker == "pihak PT Sinar Harapan"


def test_a_one_word_name_after_atau_is_the_full_name_s_nickname() -> None:
    text = (
        "Wakil Bupati Bogor Rudi Hartono atau Ucok meninjau pasar pagi itu. ”Pasar dibuka lagi pekan depan,” kata Ucok."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Rudi Hartono"


def test_a_full_name_after_atau_is_another_person_not_a_nickname() -> None:
    text = (
        "Kepala Dinas Pasar Rudi Hartono atau Dewi Lestari akan meninjau pasar. "
        "”Kami menunggu jadwalnya,” kata Dewi Lestari."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Dewi Lestari"


def test_a_name_after_alias_is_the_name_the_person_goes_by() -> None:
    text = (
        "Polisi kembali memeriksa terpidana Joko Santoso Wiryo alias Joko Tambun, Senin. "
        "”Saya tidak pernah kabur,” kata Joko Tambun."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Joko Santoso Wiryo"


def test_a_word_before_muhammad_belongs_to_the_role() -> None:
    text = "”Industri pangan harus disiapkan,” kata Guru Besar Universitas Tanjung Harapan Muhammad Hanif Arsyad."
    (claim,) = _direct(text)
    assert claim.speaker == "Muhammad Hanif Arsyad"


def test_a_short_name_grows_left_to_muhammad_and_no_further() -> None:
    text = (
        "Dosen Universitas Tanjung Harapan Muhammad Hanif Arsyad menilai pasar ikan perlu ditata. "
        "”Pedagang perlu dilibatkan,” kata Hanif Arsyad."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Muhammad Hanif Arsyad"


def test_a_given_name_another_titled_person_shares_stays_in_the_name() -> None:
    text = (
        "Bupati Bogor Budi Santoso meninjau pasar. Wakil Ketua DPRD Bogor Budi Gunawan menyatakan, "
        "pasar ditutup sementara. ”Kami menunggu hasil tes pedagang,” ujarnya."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Budi Gunawan"


def test_a_given_name_the_text_calls_a_speaker_by_still_grows_after_a_missing_full_stop() -> None:
    text = (
        "”Dua pendaki sudah turun,” kata Ketua Tim Relawan Gunung Slamet Semarang Yosep Haryanto. Pendaki "
        "diperiksa di Puskesmas Bambangan Semarang Yosep menuturkan, tim masih mencari satu pendaki lagi. "
        "”Jalur utara kami sisir besok,” imbuhnya. ”Kabut masih tebal,” kata Yosep."
    )
    claims = _direct(text)
    assert [claim.speaker for claim in claims] == ["Yosep Haryanto"] * 3


def test_a_web_address_in_a_role_is_the_body_s_name_not_the_speaker_s() -> None:
    text = "Pasar daring terus tumbuh. ”Penjual kecil ikut untung,” kata Head of Pasarku.id Rina Anggraeni."
    (claim,) = _direct(text)
    assert claim.speaker == "Rina Anggraeni"
    assert claim.speaker_role == "Head of Pasarku.id"


def test_a_capitalised_role_set_off_after_a_name_describes_that_name() -> None:
    text = (
        "Panen di lereng itu gagal. Yanto, Ketua Kelompok C dari Paguyuban Petani Kopi Lereng Sindoro, "
        "menuturkan, hujan turun terus selama bunga mekar. ”Bunganya rontok semua,” ucapnya."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Yanto"


def test_a_name_after_a_bracketed_acronym_keeps_its_first_word_written_elsewhere() -> None:
    text = (
        "Ketua Umum Perhimpunan Guru Nusantara (PGN) Hasan Mulyadi mengkritik jadwal ujian. Menurut "
        "dia, murid butuh waktu belajar. ”Materinya belum selesai diajarkan,” katanya. Contoh dari "
        "Korea Hasan juga mendesak dinas menunda ujian sebulan."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Hasan Mulyadi"


def test_an_english_abstract_noun_in_a_role_is_no_name_word() -> None:
    text = (
        "Direktur Eksekutif Forum for Budget and Fiscal Integrity Dimas Hartanto Putra menilai laporan "
        "dana kampanye masih formalitas. ”Angka yang dilaporkan belum tentu benar,” ujarnya. "
        "Peneliti Budi Nasution menambahkan, audit perlu diperluas. ”Audit kepatuhan saja tidak cukup,” ujarnya."
    )
    first, second = _direct(text)
    assert first.speaker == "Dimas Hartanto Putra"
    assert second.speaker == "Budi Nasution"  # "-tion" ends surnames too


def test_a_loan_noun_in_a_body_s_name_is_no_name_word() -> None:
    text = (
        "Kepala Lembaga Klimatologi Sari Wulandari mengingatkan potensi hujan lebat. "
        "”Warga di bantaran sungai harus waspada,” katanya. Ketua Federasi Nelayan Rudi Gunawan "
        "meminta nelayan tidak melaut. ”Ombak masih tinggi,” ujarnya."
    )
    first, second = _direct(text)
    assert first.speaker == "Sari Wulandari"
    assert second.speaker == "Rudi Gunawan"
    text = "Pencarian diperluas. ”Kami belum menemukan korban,” kata Kepala Seksi Operasi Basarnas Hendra Wijaya."
    (claim,) = _direct(text)
    assert claim.speaker == "Hendra Wijaya"
    text = "Hoaks menyebar. ”Cek dulu sebelum berbagi,” kata Kepala Dinas Komunikasi dan Informatika Rina Oktaviani."
    (claim,) = _direct(text)
    assert claim.speaker == "Rina Oktaviani"


def test_a_lexicon_word_the_text_names_a_source_by_is_a_name_word() -> None:
    text = (
        "Ketua BPK Agung Santosa Wibowo menyerahkan laporan audit kepada DPR. Menurut Agung, laporan "
        "keuangan pemerintah wajar. ”Kami memberi opini wajar tanpa pengecualian,” katanya."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Agung Santosa Wibowo"


def test_a_hospital_named_after_a_doctor_keeps_the_namesake_out_of_the_speaker_s_name() -> None:
    text = (
        "Pasien dirujuk ke RSUD dr Wiratmo Lumajang. Direktur RSUD dr Wiratmo Hendro Susilo menyebut ruang "
        "isolasi penuh. ”Kami sedang menambah tempat tidur,” ujarnya. Humas RSUP Dr M Sardi Kurniawan Adi "
        "menambahkan, pasien baru dialihkan. ”Antrean masih panjang,” kata Kurniawan."
    )
    first, second = _direct(text)
    assert first.speaker == "Hendro Susilo"
    assert second.speaker == "Kurniawan Adi"


def test_a_regional_honorific_before_a_short_name_is_a_title() -> None:
    text = (
        "Anggota DPRD Jawa Barat Asep Mulyana mengkritik impor beras. ”Petani kita dirugikan,” kata Kang Asep. "
        "Penceramah Haji Rahmat Hidayat meminta jemaah menjaga jarak. ”Salat di rumah saja,” katanya."
    )
    first, second = _direct(text)
    assert first.speaker == "Asep Mulyana"
    assert second.speaker == "Rahmat Hidayat"


def test_a_speaker_described_in_plain_words_is_the_name_set_off_after_them() -> None:
    (claim,) = _direct("”Kami rugi besar,” ucap pemilik toko kue, Yuliana Tan.")
    assert claim.speaker == "Yuliana Tan"
    assert not _direct("”Harga naik,” kata sumber Kompas di Kementerian.")
    assert not _direct("”Kami siap menang,” tulis akun Instagram resmi klub itu.")


def test_a_platform_s_name_is_no_word_of_a_person_s_name() -> None:
    text = (
        "Perjalanan itu dibuat dalam film pendek di kanal YouTube Bayu. Bayu mengungkapkan perjalanannya "
        "penuh tantangan. ”Arusnya deras sekali,” ujarnya."
    )
    (claim,) = _direct(text)
    assert claim.speaker == "Bayu"


def test_the_first_word_after_a_head_s_titles_names_the_body() -> None:
    for role, name in (
        ("Direktur Eksekutif Lentera Tauhid Ahmad", "Tauhid Ahmad"),
        ("Ketua Umum Perkasa Rina Maharani", "Rina Maharani"),
        ("Koordinator Sapulidi Fatia Mulyani", "Fatia Mulyani"),
        ("Ketua Umum Rina Maharani", "Rina Maharani"),  # no body: a two-word name stays whole
    ):
        (claim,) = _direct(f"Harga naik tajam. ”Pemerintah harus turun tangan,” kata {role}.")
        assert claim.speaker == name
