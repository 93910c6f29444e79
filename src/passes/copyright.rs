//! Copyright and reprint notices: `[ⓒ 서울경제TV, 무단 전재 및 재배포 금지]`, `無断転載を禁じます`,
//! `版權所有`, `All rights reserved`.

use super::Doc;
use crate::article::Reason;
use crate::vocab::cue;

pub fn mark(doc: &mut Doc) {
    for i in 0..doc.len() {
        let t = &doc.blocks[i].text;
        if doc.hint[i] & cue::COPYRIGHT != 0 && doc.vocab.is_copyright(t) {
            doc.remove(i, Reason::Copyright, "copyright notice");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passes::{doc_of, Verdict};

    #[test]
    fn notices_go_prose_stays() {
        let mut d = doc_of(&[
            "수원시는 7년 연속 우수기관으로 선정됐습니다. 시는 혁신 정책을 강화할 계획입니다.",
            "[ⓒ 서울경제TV(www.sentv.co.kr), 무단 전재 및 재배포 금지]",
            "Copyright © KBS All Rights Reserved.",
        ]);
        mark(&mut d);
        assert_eq!(d.verdicts[0], Verdict::Undecided);
        assert_eq!(d.reason(1), Some(Reason::Copyright));
        assert_eq!(d.reason(2), Some(Reason::Copyright));
    }
}
