"""Paragraph style ids of the templates, by role.

The templates (plangen/templates/make.py) define these styles; the wording stage picks
one per paragraph, and a user who restyles a template in Word restyles every paragraph
of that role.
"""

BASIS = "CanCu"
"""Căn cứ: a legal basis, italic."""
TEXT = "NoiDung"
"""Body text."""
DASH = "GachDau"
"""A '-' bullet."""
PLUS = "DauCong"
"""A '+' sub-bullet."""
TO = "KinhGui"
"""Kính gửi: the first line."""
TO_LINE = "KinhGuiDong"
"""Kính gửi: one of several addressees."""
AUTHORITY = "ThamQuyen"
"""Thẩm quyền ban hành of a quyết định."""
DECIDES = "QuyetDinh"
"""'QUYẾT ĐỊNH:'."""
ARTICLE = "Dieu"
"""An Điều of a quyết định."""
PART = "Muc"
"""A mục heading (I.)."""
CLAUSE = "Khoan"
"""A khoản heading (1.)."""
POINT = "Diem"
"""An điểm (a))."""
