/// What a clerk does about each kind of refusal or notice, in Thai first: the วิธีแก้ column of a
/// bureau's rejects file and the line under each refusal that `validate` prints.
extension RejectCode {
    public var fix: (thai: String, english: String) {
        switch self {
        case .undecodableFile:
            (
                "บันทึกไฟล์ใหม่เป็น CSV UTF-8 (หรือ .xlsx) แล้วส่งอีกครั้ง",
                "save the file again as CSV UTF-8 (or .xlsx) and resend it"
            )
        case .unreadableFile:
            (
                "ส่งไฟล์ใหม่อีกครั้ง (ไฟล์อ่านไม่ได้หรือถูกแก้ไขระหว่างอ่าน)",
                "send the file again (it could not be read, or changed while read)"
            )
        case .outsideInput:
            (
                "วางไฟล์ในโฟลเดอร์ของหน่วยงาน ไม่ใช่ลิงก์ไปที่อื่น",
                "put the file itself in the bureau's folder, not a link to elsewhere"
            )
        case .notAnExport:
            (
                "บันทึกเป็น CSV UTF-8 (.csv) ไว้ในโฟลเดอร์ของหน่วยงานโดยตรง และย้ายไฟล์หรือโฟลเดอร์อื่นออก",
                "save it as CSV UTF-8 (.csv) directly in the bureau's folder, and move other files and folders out"
            )
        case .badWorkbook:
            (
                "เปิดไฟล์ใน Excel แล้วบันทึกใหม่เป็น .xlsx หรือ CSV UTF-8 แล้วส่งอีกครั้ง",
                "open it in Excel, save it again as .xlsx or CSV UTF-8, and resend it"
            )
        case .hiddenRows:
            (
                "ยกเลิกการซ่อนแถว (หรือย้ายข้อมูลจากแผ่นงานที่ซ่อน) ที่ควรนับ หรือลบที่ไม่ใช้ แล้วส่งใหม่",
                "unhide the rows (or move the data of hidden sheets) that should count, or delete them, and resend"
            )
        case .sumTooLarge:
            ("ตรวจตัวเลขที่ใหญ่ผิดปกติในไฟล์ แล้วส่งใหม่", "check the file for figures far too large, and resend it")
        case .missingHeader:
            (
                "ใส่แถวหัวตารางตามแบบฟอร์ม (รหัสโครงการ วันที่ดำเนินการ จำนวนครั้ง ...)",
                "add the form's header row (project id, date, sessions, ...)"
            )
        case .malformedCSV:
            (
                "แก้เครื่องหมายคำพูด (\") ในแถวนี้ให้ครบคู่ หรือบันทึกใหม่จาก Excel",
                "close the quotation marks (\") in this row, or save again from Excel"
            )
        case .raggedRow:
            ("ลบเซลล์ที่เกินจากหัวตารางในแถวนี้", "remove the cells beyond the header in this row")
        case .invalidText:
            (
                "พิมพ์ข้อความในแถวนี้ใหม่ (มีอักขระที่อ่านไม่ได้)",
                "retype the text of this row (it holds characters that cannot be read)"
            )
        case .unknownProject:
            (
                "ใช้รหัสโครงการที่มีในแผน (ดูรายการรหัสที่ใช้ได้ท้ายรายการนี้)",
                "use a project id of the plan (see the valid ids at the end of this list)"
            )
        case .unmatchedName:
            (
                "ใส่รหัสโครงการ หรือชื่อโครงการให้ตรงกับแผน (ดูรายการรหัสที่ใช้ได้ท้ายรายการนี้)",
                "give the project id, or its name as in the plan (see the valid ids at the end of this list)"
            )
        case .ambiguousName:
            ("ใส่รหัสโครงการ เพราะชื่อนี้ตรงกับหลายโครงการ", "give the project id: this name matches more than one project")
        case .missingProject:
            ("ใส่รหัสโครงการหรือชื่อโครงการ", "give the project id or name")
        case .badDate:
            ("ใส่วันที่ที่มีจริงในปฏิทิน เช่น ๑๕ มี.ค. ๒๕๖๒ หรือ 15/03/2562", "give a date on the calendar, such as 15/03/2562")
        case .dateOutsideYear:
            (
                "ตรวจปี พ.ศ. ของวันที่: วันที่อยู่ก่อนปีงบประมาณที่รายงาน",
                "check the year: the date lies before the fiscal year reported"
            )
        case .dateAfterYear:
            (
                "ตรวจปี พ.ศ. ของวันที่: วันที่อยู่หลังสิ้นปีงบประมาณ (พิมพ์ปีผิดหรือไม่)",
                "check the year: the date lies after the fiscal year (a typing slip?)"
            )
        case .yearMismatch:
            (
                "ตรวจปี พ.ศ. ของวันที่ให้ตรงกับปีในรหัสโครงการ หรือใช้รหัสโครงการตามแผนของปีงบประมาณที่ดำเนินการ",
                "correct the date's year to the one in the project id, or use the id from the plan of the year the work was done"
            )
        case .ambiguousDateOrder:
            (
                "เขียนวันที่ให้ชัดเจน เช่น ๐๕ มี.ค. ๒๕๖๒ หรือใช้รูปแบบ วัน/เดือน/ปี ทั้งไฟล์",
                "write the date unambiguously (05 มี.ค. 2562), or day/month/year throughout the file"
            )
        case .badActivities:
            (
                "ใส่จำนวนครั้งเป็นตัวเลขจำนวนเต็มไม่ติดลบ (หรือ - หากไม่มี)",
                "give the sessions as a whole number, not negative (or - for none)"
            )
        case .badParticipants:
            (
                "ใส่จำนวนผู้เข้าร่วมเป็นตัวเลขจำนวนเต็มไม่ติดลบ (หรือ - หากไม่มี)",
                "give the participants as a whole number, not negative (or - for none)"
            )
        case .badSpent:
            (
                "ใส่จำนวนเงินเป็นตัวเลข บาท ทศนิยมไม่เกิน ๒ ตำแหน่ง (หรือ - หากไม่มี)",
                "give the money in baht, at most 2 decimals (or - for none)"
            )
        case .badResult:
            ("ใส่ผลการดำเนินการเป็นร้อยละ ๐ ถึง ๑๐๐", "give the result as a percentage from 0 to 100")
        case .badStatus:
            (
                "ใช้สถานะตามแบบ: ยังไม่ดำเนินการ อยู่ระหว่างดำเนินการ ดำเนินการแล้วเสร็จ หรือ ยกเลิก",
                "use a status of the form: ยังไม่ดำเนินการ, อยู่ระหว่างดำเนินการ, ดำเนินการแล้วเสร็จ or ยกเลิก"
            )
        case .figureTooLarge:
            ("ตรวจตัวเลขที่ใหญ่ผิดปกติในแถวนี้", "check this row for a figure far too large")
        case .otherAgency:
            (
                "ตรวจรหัสโครงการ: โครงการนี้เป็นของอีกส่วนราชการหนึ่ง",
                "check the project id: the project belongs to the other agency"
            )
        case .duplicateFile:
            (
                "ไม่ต้องแก้: ไฟล์ซ้ำกับไฟล์อื่นทุกไบต์ นับครั้งเดียว ลบไฟล์ที่ซ้ำได้",
                "nothing to fix: the file repeats another byte for byte and counts once; the copy may go"
            )
        case .duplicateRow:
            ("ไม่ต้องแก้หากเป็นข้อมูลเดียวกัน: นับครั้งเดียว", "nothing to fix if it is the same activity: it counts once")
        case .repeatedRow:
            (
                "ยืนยันว่าเป็นกิจกรรมจริงทั้งสองครั้ง หากไม่ใช่ ให้ลบแถวที่ซ้ำ",
                "confirm both are real activities; if not, delete the repeat"
            )
        case .otherBureau:
            (
                "ยืนยันกับหน่วยงานที่ระบุในแถวว่าไม่ได้รายงานซ้ำ",
                "confirm with the bureau the row names that it does not report it too"
            )
        case .cancelledCounts:
            (
                "ตรวจสถานะ: โครงการที่ยกเลิกไม่ควรมีจำนวนครั้งหรือผู้เข้าร่วม",
                "check the status: a cancelled project should have no sessions or participants"
            )
        }
    }
}
