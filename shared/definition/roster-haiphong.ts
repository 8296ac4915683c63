/**
 * The bundled roster: units the Sở GDĐT Hải Phòng expects a Phụ lục 02 from. Editable data;
 * a Sở passes its own roster (JSON or a "Danh sách đơn vị" sheet) to replace it.
 * The 15 district offices of 2024, under their 2025 names (Thủy Nguyên became a city and
 * An Dương an urban district on 1/1/2025) with the old names as aliases.
 *
 * It is partial (issue 21): the city has many more high schools than the 20 here, and the Sở's
 * official list of units could not be had offline. So it says so (`complete: false`, `source`):
 * against it, units outside it are included and flagged, and no unit is called "chưa nộp".
 */
import type { RosterInput } from "./schema";

const phong = (area: string, aliases: string[] = []) => ({
  name: `Phòng GDĐT ${area}`,
  type: "Phòng GDĐT" as const,
  aliases: [area.replace(/^(quận|huyện|thành phố) /, ""), ...aliases],
});
const thpt = (name: string, aliases: string[] = []) => ({
  name: `Trường THPT ${name}`,
  type: "Trường THPT" as const,
  aliases,
});
const tt = (name: string, aliases: string[] = []) => ({ name, type: "Đơn vị trực thuộc" as const, aliases });

export const HAI_PHONG_ROSTER: RosterInput = {
  complete: false,
  source:
    "danh sách có sẵn của phuluc02, chưa đầy đủ: 15 Phòng GDĐT (địa giới 2024, tên từ 1/1/2025), 20 trường THPT và 3 đơn vị trực thuộc; không phải danh sách chính thức của Sở GDĐT Hải Phòng",
  units: [
    phong("quận Hồng Bàng"),
    phong("quận Ngô Quyền"),
    phong("quận Lê Chân"),
    phong("quận Hải An"),
    phong("quận Kiến An"),
    phong("quận Đồ Sơn"),
    phong("quận Dương Kinh"),
    phong("quận An Dương", ["Phòng GDĐT huyện An Dương"]),
    phong("thành phố Thủy Nguyên", ["Phòng GDĐT huyện Thủy Nguyên"]),
    phong("huyện An Lão"),
    phong("huyện Kiến Thụy"),
    phong("huyện Tiên Lãng"),
    phong("huyện Vĩnh Bảo"),
    phong("huyện Cát Hải"),
    phong("huyện Bạch Long Vĩ"),
    thpt("Ngô Quyền"),
    thpt("chuyên Trần Phú", ["Trường THPT Trần Phú"]),
    thpt("Thái Phiên"),
    thpt("Lê Quý Đôn"),
    thpt("Hồng Bàng"),
    thpt("Lê Chân"),
    thpt("Hải An"),
    thpt("Kiến An"),
    thpt("Đồ Sơn"),
    thpt("An Dương"),
    thpt("Lê Ích Mộc"),
    thpt("Phạm Ngũ Lão"),
    thpt("Vĩnh Bảo"),
    thpt("Tiên Lãng"),
    thpt("Cát Hải"),
    thpt("An Lão"),
    thpt("Kiến Thụy"),
    thpt("Nguyễn Trãi"),
    thpt("Bạch Đằng"),
    thpt("Cộng Hiền"),
    tt("Trung tâm Giáo dục thường xuyên Hải Phòng", ["Trung tâm GDTX Hải Phòng"]),
    tt("Trung tâm Kỹ thuật tổng hợp - Hướng nghiệp Hải Phòng", ["Trung tâm KTTH-HN Hải Phòng"]),
    tt("Trung tâm Hỗ trợ phát triển giáo dục hòa nhập Hải Phòng"),
  ],
};
