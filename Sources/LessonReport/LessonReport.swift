// LessonReport
